package com.example.visits;

import java.util.ArrayList;
import java.util.List;

import com.example.visits.testsupport.OnExit;
import com.example.visits.testsupport.postgres.PostgresServer;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the app against a throwaway PostgreSQL 16, with no database to install: {@code ./mvnw -pl final -am
 * spring-boot:test-run}. The database is a postgres:16-alpine container where Docker runs, embedded elsewhere (one
 * log line says which). Stop it with Ctrl+C: the app stops first, then the database, which is deleted.
 */
public class TestVisitCounterApplication {

    public static void main(String[] args) {
        PostgresServer postgres = PostgresServer.launch();
        List<String> arguments = new ArrayList<>(List.of(args));
        postgres.dbEnvironment().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        ConfigurableApplicationContext app;
        try {
            app = SpringApplication.from(VisitCounterApplication::main).run(arguments.toArray(String[]::new))
                    .getApplicationContext();
        }
        catch (RuntimeException startFailed) {
            postgres.close();
            throw startFailed;
        }
        // At exit the app stops before the database (registered after it): an app whose database went first would
        // wait for connections while it stops. (Spring's own shutdown hook may be closing the app already: a second
        // close waits for that one.)
        OnExit.close(app);
    }
}
