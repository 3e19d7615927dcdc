package com.example.visits.testsupport.manifests;

import java.util.List;

/** One cross-check over a whole manifest set, e.g. "every image is pinned". */
public interface ManifestRule {

    /** A short id, e.g. {@code images-are-pinned}; used to pick or skip rules. */
    String name();

    /** What the rule demands, in one sentence a learner understands. */
    String description();

    /** Every place the manifests break the rule; empty when they follow it. */
    List<Violation> check(Manifests manifests);
}
