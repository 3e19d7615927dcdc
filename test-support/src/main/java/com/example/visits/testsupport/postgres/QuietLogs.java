package com.example.visits.testsupport.postgres;

import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call with one library's logger switched off, for a call whose failure is expected and handled here (asking
 * for Docker where there is none, stopping a server that was killed on purpose): the library would log it as an
 * ERROR with a stack trace, which a reader of a passing build takes for a failure.
 */
final class QuietLogs {

    private QuietLogs() {
    }

    static <T> T muted(String loggerName, Supplier<T> call) {
        if (!(LoggerFactory.getLogger(loggerName) instanceof Logger logger)) {
            return call.get(); // not Logback: leave the logging as it is
        }
        Level before = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            return call.get();
        }
        finally {
            logger.setLevel(before);
        }
    }
}
