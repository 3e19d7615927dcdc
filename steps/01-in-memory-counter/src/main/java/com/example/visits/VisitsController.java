package com.example.visits;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Counts visits in this JVM's memory. That is the point of step 01: every pod has its own count, and a new pod
 * (after a restart, a rollout or a crash) starts again at 1.
 * <p>
 * Every answer also names the instance that gave it in an {@code X-Served-By} header, so you can see which pod
 * answered. This class does not set it: the {@code web-support} module (a dependency in pom.xml, shared by every
 * version of the counter) adds it to every response ({@code ServedByHeaderFilter}), with the value of the
 * {@code HOSTNAME} environment variable. In a pod, Kubernetes sets {@code HOSTNAME} to the pod's name, e.g.
 * {@code visit-counter-7d4b9c6f5-x2x8q}; run on your machine, it is your machine's name (the tests give each
 * instance a name of its own with the property {@code visits.instance-name}).
 */
@RestController
class VisitsController {

    private final AtomicLong visits = new AtomicLong();

    @GetMapping("/")
    Map<String, Long> visit() {
        return Map.of("visits", visits.incrementAndGet());
    }
}
