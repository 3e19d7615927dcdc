package com.example.visits.counter;

import com.example.visits.schema.SchemaMigration;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class VisitsController {

    private final CoalescingCounter counter;

    private final SchemaMigration schema;

    VisitsController(CoalescingCounter counter, SchemaMigration schema) {
        this.counter = counter;
        this.schema = schema;
    }

    // tag::visit[]
    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Visits> visit(HttpMethod method) {
        if (method == HttpMethod.HEAD) { // Spring sends HEAD here too: curl -I must not count a visit
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).build();
        }
        schema.requireComplete();
        return ResponseEntity.ok(new Visits(counter.nextVisit()));
    }
    // end::visit[]
}
