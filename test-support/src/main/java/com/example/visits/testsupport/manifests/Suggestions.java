package com.example.visits.testsupport.manifests;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean ...?": the closest known name to a misspelled one, by edit distance (typos, swapped letters). */
public final class Suggestions {

    private Suggestions() {
    }

    /** The known name nearest to {@code misspelled}, if one is close enough to be a typo of it. */
    public static Optional<String> closest(String misspelled, Collection<String> known) {
        int allowed = Math.max(2, misspelled.length() / 3);
        return known.stream()
                .filter(candidate -> distance(misspelled.toLowerCase(), candidate.toLowerCase()) <= allowed)
                .min(Comparator.comparingInt((String candidate) -> distance(misspelled.toLowerCase(), candidate.toLowerCase()))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** {@code " (did you mean \"containerPort\"?)"}, or "" when nothing is close. */
    public static String didYouMean(String misspelled, Collection<String> known) {
        return closest(misspelled, known).map(name -> " (did you mean \"" + name + "\"?)").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of two neighbouring letters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
