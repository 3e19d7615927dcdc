package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class PostgresStorageIsSafeTest {

    private final ManifestRule rule = new PostgresStorageIsSafe();

    @Test
    void rejectsRollingUpdateWithAClaimAndPgdataOnOrOutsideTheMount() {
        assertThat(rule.check(Fixtures.brokenFor(rule.name()))).extracting(Violation::toString).containsExactly(
                "postgres.yaml: Deployment \"postgres\": mounts PersistentVolumeClaim postgres-data but uses strategy"
                        + " RollingUpdate (the default): the new pod would wait for the ReadWriteOnce volume the old"
                        + " pod still holds; set spec.strategy.type: Recreate",
                "postgres.yaml: Deployment \"postgres\", container \"postgres\": PGDATA is not set, so Postgres writes"
                        + " to /var/lib/postgresql/data, the mount path of volume \"data\" itself: a fresh volume may"
                        + " hold lost+found there and initdb refuses a non-empty directory; set PGDATA to a"
                        + " subdirectory, e.g. /var/lib/postgresql/data/pgdata",
                "postgres.yaml: Deployment \"postgres-elsewhere\", container \"postgres\": PGDATA is"
                        + " /var/lib/postgresql/pgdata, which is not on its data volume (mounted at"
                        + " /var/lib/postgresql/data): the data would be lost with the pod; set PGDATA to a"
                        + " subdirectory of the mount, e.g. /var/lib/postgresql/data/pgdata");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
