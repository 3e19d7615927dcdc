package com.example.visits.docs;

import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The PDF edition: it exists, opens, and its outline has one entry per chapter and guide, in reading order. */
class WorkbookPdfTest {

    @Test
    void opensWithOneOutlineEntryPerPage() throws Exception {
        assertThat(Workbook.PDF).exists().isNotEmptyFile();
        try (PDDocument pdf = Loader.loadPDF(Workbook.PDF.toFile())) {
            assertThat(pdf.getNumberOfPages()).as("pages").isGreaterThan(Workbook.PAGES.size());
            PDDocumentOutline outline = pdf.getDocumentCatalog().getDocumentOutline();
            assertThat(outline).as("outline").isNotNull();
            List<String> entries = new ArrayList<>();
            for (PDOutlineItem item : outline.children()) {
                entries.add(item.getTitle());
            }
            List<String> chapters = Workbook.PAGES.stream().map(WorkbookPdfTest::title).toList();
            System.out.printf("workbook.pdf: %d pages, outline %s%n", pdf.getNumberOfPages(), entries);
            assertThat(entries).as("top-level outline entries").containsSubsequence(chapters);
            assertThat(entries.stream().filter(chapters::contains).count()).isEqualTo(chapters.size());
        }
    }

    /** A page's title, its first {@code = } line. */
    static String title(String page) {
        return Workbook.read(Workbook.SOURCES.resolve(page + ".adoc")).lines()
                .filter(line -> line.startsWith("= "))
                .map(line -> line.substring(2).trim())
                .findFirst()
                .orElseThrow(() -> new AssertionError(page + ".adoc has no title"));
    }
}
