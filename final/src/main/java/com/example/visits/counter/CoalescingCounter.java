package com.example.visits.counter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

// tag::coalescing[]
/**
 * Counts the visits that arrive together with one statement instead of one each. While an {@code UPDATE} is on its
 * way to PostgreSQL, the visits that arrive wait here in a batch; the next {@code UPDATE} adds the whole batch
 * ({@code visits + k}) and gives each of them its own number out of the k it added: {@code N-k+1 ... N}, where N is
 * the count it returned.
 * <p>
 * The count stays exact across replicas, as with one statement per visit: each statement is still atomic in
 * PostgreSQL, and a batch hands out exactly the numbers its own statement added, no more, no fewer. Under little
 * load every batch holds one visit: the same statement as {@code + 1}. Under load one statement serves many
 * visits, so PostgreSQL, the connection pool and Hibernate do their work once per batch, not once per visit.
 */
@Component
class CoalescingCounter {

    private final VisitCounterRepository repository;

    /** One statement at a time per replica: while it runs, the visits that arrive gather in the next batch. */
    private final Semaphore statement = new Semaphore(1);

    /** The batch that arriving visits join; guarded by {@code this}. */
    private Batch open = new Batch();

    /** How the statement that ran last failed, or null; read and written only while holding {@link #statement}. */
    private Throwable lastFailure;

    CoalescingCounter(VisitCounterRepository repository) {
        this.repository = repository;
    }

    /** Counts one visit and returns its number; a database failure is thrown to every visit of the batch. */
    long nextVisit() {
        Batch batch;
        int position;
        synchronized (this) {
            batch = open;
            position = batch.size++;
        }
        if (position == 0) { // the first visit of a batch writes it, once the statement before it is done
            boolean waited = !statement.tryAcquire();
            if (waited) {
                statement.acquireUninterruptibly(); // meanwhile, the visits that arrive join this batch
            }
            try {
                synchronized (this) {
                    open = new Batch(); // closed: later visits join the next batch
                }
                Throwable failureWaitedFor = lastFailure;
                lastFailure = null;
                if (waited && failureWaitedFor != null) {
                    // The statement this batch waited for failed: the database was unreachable a moment ago. Answer
                    // now (503) rather than wait as long again: a visit waits for one statement besides its own at
                    // most, as it would wait for one connection (spring.datasource.hikari.connection-timeout).
                    batch.fail(failureWaitedFor);
                }
                else {
                    lastFailure = batch.write(repository);
                }
            }
            finally {
                statement.release();
            }
        }
        return batch.numberOf(position);
    }

    private static final class Batch {

        /** How many visits joined; only changed while the batch is open, under the counter's lock. */
        private int size;

        /** The number of the batch's first visit, once its statement has committed. */
        private final CompletableFuture<Long> first = new CompletableFuture<>();

        /** Runs the batch's statement; returns how it failed, or null. */
        Throwable write(VisitCounterRepository repository) {
            try {
                first.complete(repository.add(size) - size + 1);
                return null;
            }
            catch (Throwable e) { // whatever it is, the visits waiting for this batch must not wait forever
                fail(e);
                return e;
            }
        }

        void fail(Throwable failure) {
            first.completeExceptionally(failure);
        }

        long numberOf(int position) {
            try {
                return first.join() + position;
            }
            catch (CompletionException e) { // thrown on as the repository threw it: a 503 for database errors
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) e.getCause();
            }
        }
    }
}
// end::coalescing[]
