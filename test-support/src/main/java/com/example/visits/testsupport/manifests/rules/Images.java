package com.example.visits.testsupport.manifests.rules;

/**
 * The parts of an image reference: {@code registry:5000/team/postgres:16-alpine@sha256:...}.
 *
 * @param repository everything before the tag and digest, e.g. {@code registry:5000/team/postgres}
 * @param tag        the tag, or null when the image has none (Kubernetes then pulls {@code latest})
 * @param digest     the digest, or null
 */
record Images(String repository, String tag, String digest) {

    static Images parse(String image) {
        String rest = image.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        int colon = rest.lastIndexOf(':');
        // A colon before the last slash belongs to a registry port, not to a tag.
        if (colon > rest.lastIndexOf('/')) {
            return new Images(rest.substring(0, colon), rest.substring(colon + 1), digest);
        }
        return new Images(rest, null, digest);
    }

    /** The image's own name without registry or organisation: {@code postgres}. */
    String name() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    /** Whether a container runs PostgreSQL: its image repository is {@code postgres}. */
    static boolean isPostgres(String image) {
        return image != null && parse(image).name().equals("postgres");
    }
}
