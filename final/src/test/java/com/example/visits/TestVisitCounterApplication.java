package com.example.visits;

import java.util.ArrayList;
import java.util.List;

import com.example.visits.testsupport.postgres.PostgresServer;

import org.springframework.boot.SpringApplication;

/**
 * Runs the app against a throwaway PostgreSQL 16, with no database to install: {@code ./mvnw -pl final
 * spring-boot:test-run}. The database is a postgres:16-alpine container where Docker runs, embedded elsewhere.
 */
public class TestVisitCounterApplication {

    public static void main(String[] args) {
        PostgresServer postgres = PostgresServer.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        List<String> arguments = new ArrayList<>(List.of(args));
        postgres.dbEnvironment().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        SpringApplication.from(VisitCounterApplication::main).run(arguments.toArray(String[]::new));
    }
}
