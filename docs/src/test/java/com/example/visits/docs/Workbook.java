package com.example.visits.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the workbook's sources and rendered pages are, seen from the docs module's tests. */
final class Workbook {

    /** The docs module: Maven's {@code basedir}, else the working directory (Maven and IDEs run tests there). */
    static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    static final Path ROOT = MODULE.getParent();
    static final Path SOURCES = MODULE.resolve("src/docs/asciidoc");
    static final Path RENDERED = MODULE.resolve("target/generated-docs");
    static final Path PDF = RENDERED.resolve("workbook.pdf");
    static final Path SCREENSHOTS = MODULE.resolve("target/screenshots");

    /** Every page of the workbook, in reading order: each renders to its own HTML page and is a chapter of the PDF. */
    static final List<String> PAGES = List.of(
            "index",
            "concepts",
            "step-01-in-memory-counter",
            "step-02-postgres",
            "step-03-configmap-secret",
            "step-04-persistent-volume",
            "final-system",
            "jkube",
            "reliability",
            "guide-persistent-volume-claim",
            "guide-secret",
            "guide-clusterip",
            "guide-stateful-vs-stateless");

    /** The one-page edition: the PDF's source, rendered to HTML as well. */
    static final String WHOLE_WORKBOOK = "workbook";

    private Workbook() {
    }

    /** Every AsciiDoc source a page or the workbook is made of (partials included). */
    static List<Path> sources() {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".adoc")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rendered HTML file. */
    static List<Path> renderedPages() {
        try (Stream<Path> files = Files.list(RENDERED)) {
            return files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
