package com.example.visits.counter;

import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface VisitCounterRepository extends Repository<VisitCounter, Short> {

    // tag::increment[]
    /**
     * Adds visits and returns the new count, in one statement that PostgreSQL runs on the row it has locked.
     * Reading the count into Java, adding and saving it would let two replicas read the same value and both write
     * N+1: a lost visit. {@link CoalescingCounter} calls it with the number of visits that arrived together.
     * <p>
     * No {@code @Transactional}: the statement is atomic on its own, and in auto-commit mode (the connection
     * pool's default) PostgreSQL commits it by itself: one round trip. A transaction around it would add
     * {@code BEGIN} and {@code COMMIT}, and a second round trip for the {@code COMMIT}.
     */
    @Query(value = "UPDATE visit_counter SET visits = visits + :visits WHERE id = " + VisitCounter.ID
            + " RETURNING visits", nativeQuery = true)
    long add(int visits);
    // end::increment[]

    Optional<VisitCounter> findById(short id);
}
