package com.example.visits.testsupport.manifests.rules;

import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Manifests;
import com.example.visits.testsupport.manifests.Violation;
import com.example.visits.testsupport.manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Every container runs as the "restricted" Pod Security Standard asks: a non-root numeric user, no privilege
 * escalation, no capabilities, the runtime's default seccomp filter. Where Kubernetes allows a pod-level value
 * (runAsNonRoot, runAsUser, seccompProfile) it counts unless the container overrides it.
 */
public final class ContainersRunRestricted implements ManifestRule {

    @Override
    public String name() {
        return "containers-run-restricted";
    }

    @Override
    public String description() {
        return "every container has runAsNonRoot: true, a numeric non-zero runAsUser, allowPrivilegeEscalation: false,"
                + " capabilities.drop [ALL] and seccompProfile RuntimeDefault (container or pod level)";
    }

    @Override
    public List<Violation> check(Manifests manifests) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : manifests.workloads()) {
            PodSecurityContext pod = workload.podSpec().getSecurityContext() == null
                    ? new PodSecurityContext() : workload.podSpec().getSecurityContext();
            for (Container container : workload.allContainers()) {
                SecurityContext own = container.getSecurityContext() == null
                        ? new SecurityContext() : container.getSecurityContext();
                List<String> missing = missing(own, pod);
                if (!missing.isEmpty()) {
                    violations.add(new Violation(Where.container(manifests, workload, container),
                            "securityContext needs " + String.join("; ", missing)));
                }
            }
        }
        return violations;
    }

    private static List<String> missing(SecurityContext own, PodSecurityContext pod) {
        List<String> missing = new ArrayList<>();
        if (!Boolean.TRUE.equals(either(own.getRunAsNonRoot(), pod.getRunAsNonRoot()))) {
            missing.add("runAsNonRoot: true");
        }
        Long user = either(own.getRunAsUser(), pod.getRunAsUser());
        if (user == null) {
            missing.add("a numeric runAsUser the image supports (e.g. 70, the postgres user of postgres:16-alpine)");
        } else if (user == 0) {
            missing.add("a runAsUser other than 0 (0 is root)");
        }
        if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            missing.add("allowPrivilegeEscalation: false");
        }
        if (own.getCapabilities() == null || !own.getCapabilities().getDrop().contains("ALL")) {
            missing.add("capabilities.drop: [ALL]");
        }
        String seccomp = either(type(own.getSeccompProfile()), type(pod.getSeccompProfile()));
        if (!"RuntimeDefault".equals(seccomp)) {
            missing.add("seccompProfile.type: RuntimeDefault" + (seccomp == null ? "" : " (not " + seccomp + ")"));
        }
        return missing;
    }

    private static String type(SeccompProfile profile) {
        return profile == null ? null : profile.getType();
    }

    /** The container's own setting, else the pod's. */
    private static <T> T either(T container, T pod) {
        return container != null ? container : pod;
    }
}
