package com.example.visits.counter;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row that holds the count of the whole system; every replica reads and writes this row. */
@Entity
@Table(name = "visit_counter")
public class VisitCounter {

    /** The only id there is (the table's CHECK constraint allows no other). */
    public static final short ID = 1;

    @Id
    private short id;

    private long visits;

    protected VisitCounter() {
    }

    public short getId() {
        return id;
    }

    public long getVisits() {
        return visits;
    }
}
