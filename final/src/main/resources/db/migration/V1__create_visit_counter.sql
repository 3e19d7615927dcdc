-- One row holds the count of the whole system. Every replica increments it with a single UPDATE.
CREATE TABLE visit_counter (
    id     smallint PRIMARY KEY CHECK (id = 1),
    visits bigint   NOT NULL CHECK (visits >= 0)
);

INSERT INTO visit_counter (id, visits) VALUES (1, 0);
