package com.example.visits.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes things when the JVM exits (normally, after a failed test, or on Ctrl+C), in the reverse order of their
 * registration, as try-with-resources would: what was started last, and may depend on what came before, stops
 * first. One shutdown hook for all of them, because the JVM runs separate hooks at the same time, in no order.
 */
public final class OnExit {

    private static final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private static boolean hooked;

    private OnExit() {
    }

    /** Closes {@code resource} at exit, before everything registered earlier. Closing it twice must be harmless. */
    public static synchronized void close(AutoCloseable resource) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(OnExit::closeAll, "test-support-on-exit"));
            hooked = true;
        }
        resources.push(resource);
    }

    private static void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (OnExit.class) {
                next = resources.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            }
            catch (Exception e) {
                System.err.println("Could not close " + next + " at exit: " + e);
            }
        }
    }
}
