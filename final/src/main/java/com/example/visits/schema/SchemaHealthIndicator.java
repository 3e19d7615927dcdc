package com.example.visits.schema;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The "schema" component of /health and /health/readiness: DOWN until the migrations have run. */
@Component
class SchemaHealthIndicator implements HealthIndicator {

    private final SchemaMigration migration;

    SchemaHealthIndicator(SchemaMigration migration) {
        this.migration = migration;
    }

    @Override
    public Health health() {
        return migration.isComplete() ? Health.up().build()
                : Health.down().withDetail("waitingFor", migration.lastProblem()).build();
    }
}
