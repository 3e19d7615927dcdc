package com.example.visits;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts visits in PostgreSQL, so every pod shares one count. The increment is a single statement run by
 * PostgreSQL: the first visit inserts the row, every later one adds 1 to it under the row's lock, so two pods
 * answering at the same moment never read the same old value and never lose a visit.
 */
@RestController
class VisitsController {

    private static final String COUNT_ONE_VISIT = """
            INSERT INTO counter (id, visits) VALUES (1, 1)
            ON CONFLICT (id) DO UPDATE SET visits = counter.visits + 1
            RETURNING visits""";

    private final JdbcClient database;

    VisitsController(JdbcClient database) {
        this.database = database;
    }

    @GetMapping("/")
    Map<String, Long> visit() {
        return Map.of("visits", database.sql(COUNT_ONE_VISIT).query(Long.class).single());
    }
}
