package com.example.visits.testsupport.manifests;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The manifest fixtures under src/test/resources/manifests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The realistic set that passes every rule. */
    public static Manifests good() {
        return Manifests.load(folder("good"));
    }

    /** The small set that breaks one rule: manifests/broken/{rule name}. */
    public static Manifests brokenFor(String ruleName) {
        return Manifests.load(folder("broken/" + ruleName));
    }

    public static Path folder(String name) {
        URL url = Fixtures.class.getClassLoader().getResource("manifests/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture folder manifests/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
