package com.example.visits.schema;

import org.springframework.dao.DataAccessResourceFailureException;

/** The database has not been reachable since the start, so its schema may be missing: answered as 503. */
public class SchemaNotReadyException extends DataAccessResourceFailureException {

    SchemaNotReadyException(String lastProblem) {
        super("The database schema is not ready yet: " + lastProblem);
    }
}
