package com.example.visits.counter;

import com.example.visits.schema.SchemaMigration;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class VisitsController {

    private final VisitCounterRepository counter;

    private final SchemaMigration schema;

    VisitsController(VisitCounterRepository counter, SchemaMigration schema) {
        this.counter = counter;
        this.schema = schema;
    }

    // tag::visit[]
    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    Visits visit() {
        schema.requireComplete();
        return new Visits(counter.increment());
    }
    // end::visit[]
}
