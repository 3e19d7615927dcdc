package com.example.visits;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts visits in this JVM's memory. That is the point of step 01: every pod has its own count, and a new pod
 * (after a restart, a rollout or a crash) starts again at 1.
 */
@RestController
class VisitsController {

    private final AtomicLong visits = new AtomicLong();

    @GetMapping("/")
    Map<String, Long> visit() {
        return Map.of("visits", visits.incrementAndGet());
    }
}
