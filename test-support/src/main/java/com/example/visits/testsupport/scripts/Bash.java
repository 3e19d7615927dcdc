package com.example.visits.testsupport.scripts;

/** Quoting for the bash snippets the sandbox writes. */
final class Bash {

    private Bash() {
    }

    /** A single-quoted bash word that stands for exactly {@code text}. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A {@code case} pattern: {@code *}, {@code ?} and {@code [...]} stay globs, everything else is literal. */
    static String casePattern(String glob) {
        StringBuilder pattern = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (Character.isLetterOrDigit(c) || "*?[]-_./=:,".indexOf(c) >= 0) {
                pattern.append(c);
            } else {
                pattern.append('\\').append(c);
            }
        }
        return pattern.isEmpty() ? "''" : pattern.toString();
    }
}
