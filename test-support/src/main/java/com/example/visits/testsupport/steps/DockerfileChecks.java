package com.example.visits.testsupport.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import com.example.visits.testsupport.steps.Dockerfile.NumericUser;

/** What the steps' Dockerfile must agree on with itself and with the Deployment that runs its image. */
public final class DockerfileChecks {

    /** A full version in the tag (17.0.19_10, 16.4) or a digest: the same bytes on every build. */
    private static final Pattern PINNED = Pattern.compile(".+:[^:/]*\\d+\\.\\d+[^:/]*|.+@sha256:[0-9a-f]{64}");

    private DockerfileChecks() {
    }

    public static void assertBaseImagesArePinned(Dockerfile dockerfile) {
        assertThat(dockerfile.baseImages()).as("FROM images of %s", dockerfile.path()).isNotEmpty()
                .allSatisfy(image -> {
                    assertThat(image).as("base image").doesNotEndWith(":latest");
                    assertThat(PINNED.matcher(image).matches())
                            .as("base image %s must name a specific version (e.g. 17.0.19_10-jre-noble) or a digest",
                                    image)
                            .isTrue();
                });
    }

    /** The user the image runs as: numeric (Kubernetes can only check a number) and not root. */
    public static NumericUser assertRunsAsNumericNonRootUser(Dockerfile dockerfile) {
        Optional<NumericUser> user = dockerfile.numericUser();
        assertThat(user).as("the final stage's USER must be numeric (uid or uid:gid)").isPresent();
        assertThat(user.get().uid()).as("USER uid (0 is root)").isNotZero();
        return user.get();
    }

    /**
     * The Deployment's app container listens on a port the image exposes, and runs as the image's own non-root
     * numeric user: the labs set no securityContext, so the image's USER applies; where a runAsUser / runAsGroup is
     * set (the container's, else the pod's), it must be that user, and runAsNonRoot, where set, must be true.
     */
    public static void assertDeploymentRunsTheImageAsBuilt(Dockerfile dockerfile, Deployment deployment,
            String containerName) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().stream().filter(c -> c.getName().equals(containerName))
                .findFirst().orElseThrow(() -> new AssertionError("no container " + containerName));

        assertThat(container.getPorts()).extracting(ContainerPort::getContainerPort)
                .as("containerPort of %s vs EXPOSE %s", containerName, dockerfile.exposedPorts())
                .isNotEmpty()
                .allSatisfy(port -> assertThat(dockerfile.exposedPorts()).contains(port));

        NumericUser user = assertRunsAsNumericNonRootUser(dockerfile);
        Long runAsUser = effective(container, pod.getSecurityContext(), SecurityContext::getRunAsUser,
                PodSecurityContext::getRunAsUser);
        if (runAsUser != null) {
            assertThat(runAsUser).as("runAsUser vs Dockerfile USER").isEqualTo(user.uid());
        }
        Long runAsGroup = effective(container, pod.getSecurityContext(), SecurityContext::getRunAsGroup,
                PodSecurityContext::getRunAsGroup);
        if (runAsGroup != null) {
            user.gid().ifPresent(gid -> assertThat(runAsGroup).as("runAsGroup vs Dockerfile USER").isEqualTo(gid));
        }
        Boolean runAsNonRoot = effective(container, pod.getSecurityContext(), SecurityContext::getRunAsNonRoot,
                PodSecurityContext::getRunAsNonRoot);
        assertThat(runAsNonRoot).as("runAsNonRoot, where set").isNotEqualTo(Boolean.FALSE);
    }

    /** The container's own setting wins over the pod's, as in Kubernetes. */
    private static <T> T effective(Container container, PodSecurityContext pod,
            Function<SecurityContext, T> ofContainer, Function<PodSecurityContext, T> ofPod) {
        T own = container.getSecurityContext() == null ? null : ofContainer.apply(container.getSecurityContext());
        if (own != null) {
            return own;
        }
        return pod == null ? null : ofPod.apply(pod);
    }
}
