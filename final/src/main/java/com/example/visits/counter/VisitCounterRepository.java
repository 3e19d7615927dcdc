package com.example.visits.counter;

import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface VisitCounterRepository extends Repository<VisitCounter, Short> {

    // tag::increment[]
    /**
     * Adds one visit and returns the new count, in one statement that PostgreSQL runs on the row it has locked.
     * Reading the count into Java, adding one and saving it would let two replicas read the same value and
     * both write N+1: a lost visit.
     * <p>
     * No {@code @Transactional}: the statement is atomic on its own, and in auto-commit mode (the connection
     * pool's default) PostgreSQL commits it by itself: one round trip per visit. A transaction around it would add
     * {@code BEGIN} and {@code COMMIT}, and a second round trip for the {@code COMMIT}.
     */
    @Query(value = "UPDATE visit_counter SET visits = visits + 1 WHERE id = " + VisitCounter.ID + " RETURNING visits",
            nativeQuery = true)
    long increment();
    // end::increment[]

    Optional<VisitCounter> findById(short id);
}
