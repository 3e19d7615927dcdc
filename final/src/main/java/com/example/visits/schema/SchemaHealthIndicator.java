package com.example.visits.schema;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The "schema" component of /health and /health/readiness: DOWN until the migrations have run, with the reason in
 * plain words as the status's description, which /health shows with the components (details stay hidden:
 * show-details is off). The exact cause (an exception, the host, the user) goes to the log only.
 */
@Component
class SchemaHealthIndicator implements HealthIndicator {

    private final SchemaMigration migration;

    SchemaHealthIndicator(SchemaMigration migration) {
        this.migration = migration;
    }

    @Override
    public Health health() {
        return migration.isComplete() ? Health.up().build()
                : Health.status(new Status(Status.DOWN.getCode(), migration.healthReason())).build();
    }
}
