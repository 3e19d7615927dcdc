package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;

/**
 * Every image names a fixed version. Without a tag Kubernetes pulls {@code latest}, and for {@code latest} the
 * default pull policy is Always: a moving target, and on minikube an ErrImagePull for a locally built image.
 */
public final class ImagesArePinned implements ManifestRule {

    @Override
    public String name() {
        return "images-are-pinned";
    }

    @Override
    public String description() {
        return "every image has an explicit tag other than latest, or a digest";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            for (Container container : workload.allContainers()) {
                String where = Where.container(manifests, workload, container);
                String image = container.getImage();
                if (image == null || image.isBlank()) {
                    violations.add(new Violation(where, "has no image"));
                    continue;
                }
                Images parts = Images.parse(image);
                if (parts.digest() != null) {
                    continue;
                }
                if (parts.tag() == null) {
                    violations.add(new Violation(where, "image \"" + image + "\" has no tag, so Kubernetes pulls"
                            + " \"latest\", a moving target: pin a version, e.g. " + image
                            + (parts.name().equals("postgres") ? ":16-alpine" : ":1.0.0")));
                } else if (parts.tag().equals("latest")) {
                    violations.add(new Violation(where, "image \"" + image + "\" uses the tag latest: it changes"
                            + " under you and makes the kubelet pull Always (a local image then fails with"
                            + " ErrImagePull); pin a version tag"));
                }
            }
        }
        return violations;
    }
}
