package com.example.websupport;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * When the database cannot be reached the app is not broken, it is waiting: answer 503 (try again) with a short
 * JSON body, and log one line instead of a stack trace. Other database errors are bugs and stay 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailableResponses {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableResponses.class);

    /** At most one line per interval: an outage under load would otherwise log one line per request. */
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

    private final AtomicLong nextReportAt = new AtomicLong(System.nanoTime());

    private final AtomicLong unreported = new AtomicLong();

    @ExceptionHandler({ DataAccessException.class, TransactionException.class })
    ProblemDetail databaseUnavailable(Exception exception) throws Exception {
        if (!isDatabaseUnavailable(exception)) {
            throw exception; // not ours: Spring Boot's error handling answers 500
        }
        report(exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database is not reachable right now. Try again in a few seconds.");
        problem.setTitle("Database unavailable");
        return problem;
    }

    private void report(Exception exception) {
        long now = System.nanoTime();
        long reportAt = nextReportAt.get();
        if (now - reportAt >= 0 && nextReportAt.compareAndSet(reportAt, now + REPORT_INTERVAL.toNanos())) {
            long alsoAnswered = unreported.getAndSet(0);
            log.warn("Database unavailable, answering 503: {}{}", rootCauseMessage(exception),
                    alsoAnswered == 0 ? "" : " (and " + alsoAnswered + " more 503s since the last report)");
        }
        else {
            unreported.incrementAndGet();
        }
    }

    /**
     * Whether the cause is the connection rather than the query. A request in flight when PostgreSQL goes away can
     * fail in many places (the statement, the rollback, the pool), so look at the whole chain of causes.
     */
    static boolean isDatabaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof SocketException
                    || cause instanceof EOFException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 57P: the server is shutting down, crashed or starting.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // The pool closed a connection that broke mid-transaction; rolling back on it fails, and Spring then
            // throws the rollback's exception, so this is all that is left of the original cause.
            if (cause instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootCauseMessage(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
