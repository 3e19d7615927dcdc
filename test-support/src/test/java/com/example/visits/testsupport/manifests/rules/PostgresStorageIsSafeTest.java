package com.example.visits.testsupport.manifests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.visits.testsupport.manifests.Fixtures;
import com.example.visits.testsupport.manifests.ManifestRule;
import com.example.visits.testsupport.manifests.Violation;
import org.junit.jupiter.api.Test;

class PostgresStorageIsSafeTest {

    private final ManifestRule rule = new PostgresStorageIsSafe();

    @Test
    void rejectsRollingUpdateWithAClaimPgdataOnOrOutsideTheMountAndMoreThanOneReplica() {
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
                        + " subdirectory of the mount, e.g. /var/lib/postgresql/data/pgdata",
                "postgres.yaml: StatefulSet \"postgres-twice\": runs 2 replicas of Postgres on PersistentVolumeClaim"
                        + " postgres-data: every pod would mount the same data directory (a ReadWriteOnce claim is"
                        + " shared by all pods on one node), and two postmasters on one data directory corrupt it; set"
                        + " spec.replicas: 1 (more replicas do not make a PostgreSQL cluster: that needs replication,"
                        + " e.g. an operator)",
                "postgres.yaml: StatefulSet \"postgres-thrice\": runs 3 replicas of Postgres: each pod would be a"
                        + " separate database with its own data behind the same Service, so every connection would see"
                        + " another count; set spec.replicas: 1 (more replicas do not make a PostgreSQL cluster: that"
                        + " needs replication, e.g. an operator)");
    }

    @Test
    void acceptsTheGoodSet() {
        assertThat(rule.check(Fixtures.good())).isEmpty();
    }
}
