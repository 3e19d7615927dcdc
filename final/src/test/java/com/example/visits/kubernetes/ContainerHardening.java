package com.example.visits.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;

/** The security context and resource bounds every container of the workbook must have. */
final class ContainerHardening {

    private ContainerHardening() {
    }

    static void assertHardened(Container container, long imageUser) {
        SecurityContext security = container.getSecurityContext();
        assertThat(security).as("securityContext of container %s", container.getName()).isNotNull();
        assertThat(security.getRunAsNonRoot()).as("runAsNonRoot").isTrue();
        assertThat(security.getRunAsUser()).as("runAsUser (the image's own non-root user)").isEqualTo(imageUser);
        assertThat(security.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
        assertThat(security.getPrivileged()).as("privileged").isNotEqualTo(Boolean.TRUE);
        assertThat(security.getCapabilities().getDrop()).as("capabilities dropped").containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).as("capabilities added").isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).as("seccompProfile").isEqualTo("RuntimeDefault");

        assertThat(container.getResources().getRequests()).as("requests of %s", container.getName())
                .containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).as("limits of %s", container.getName())
                .containsKeys("cpu", "memory");
    }
}
