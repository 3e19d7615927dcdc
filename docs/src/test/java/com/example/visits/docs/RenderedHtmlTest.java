package com.example.visits.docs;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered HTML workbook, read as a browser would find it: every page exists, every internal link and anchor
 * resolves, every image exists and is not empty, nothing unresolved is left, and every page is reachable from the
 * start page by following links.
 */
class RenderedHtmlTest {

    /** An attribute reference left in the text, e.g. {rootdir}; JSON such as {"visits": 1} does not match. */
    private static final Pattern UNRESOLVED_ATTRIBUTE = Pattern.compile("\\{[a-z][a-z0-9_-]*}");

    private static final Map<String, Document> pages = new HashMap<>();

    @BeforeAll
    static void parseRenderedPages() throws Exception {
        for (Path file : Workbook.renderedPages()) {
            pages.put(file.getFileName().toString(), Jsoup.parse(file.toFile(), "UTF-8"));
        }
    }

    @Test
    void everyPageOfTheContractIsRendered() {
        for (String page : Workbook.PAGES) {
            assertThat(pages).as("rendered pages").containsKey(page + ".html");
        }
        assertThat(Workbook.PDF).exists();
    }

    @Test
    void everyInternalLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        pages.forEach((name, page) -> {
            for (Element link : page.select("a[href]")) {
                String href = link.attr("href");
                if (isExternal(href)) {
                    continue;
                }
                String file = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
                String anchor = href.contains("#") ? href.substring(href.indexOf('#') + 1) : "";
                String target = file.isEmpty() ? name : file;
                if (target.endsWith(".html")) {
                    Document targetPage = pages.get(target);
                    if (targetPage == null) {
                        broken.add(name + ": " + href + " (no page " + target + ")");
                    } else if (!anchor.isEmpty() && targetPage.getElementById(anchor) == null) {
                        broken.add(name + ": " + href + " (no anchor #" + anchor + " in " + target + ")");
                    }
                } else if (!Files.isRegularFile(Workbook.RENDERED.resolve(target))) {
                    broken.add(name + ": " + href + " (no file " + target + ")");
                }
            }
        });
        assertThat(broken).as("broken internal links").isEmpty();
    }

    @Test
    void everyImageExistsAndIsNotEmpty() throws Exception {
        List<String> missing = new ArrayList<>();
        int images = 0;
        for (var entry : pages.entrySet()) {
            for (Element image : entry.getValue().select("img[src]")) {
                String src = image.attr("src");
                if (isExternal(src) || src.startsWith("data:")) {
                    continue;
                }
                images++;
                Path file = Workbook.RENDERED.resolve(src);
                if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                    missing.add(entry.getKey() + ": " + src);
                }
            }
        }
        assertThat(missing).as("missing or empty images").isEmpty();
        assertThat(images).as("images in the workbook (its diagrams)").isPositive();
    }

    @Test
    void nothingUnresolvedIsLeft() {
        List<String> leftovers = new ArrayList<>();
        pages.forEach((name, page) -> {
            String all = page.body().text();
            if (all.contains("Unresolved directive")) {
                leftovers.add(name + ": " + around(all, all.indexOf("Unresolved directive")));
            }
            // Listings may hold braces, << and the like of their own (shell, jsonpath): only prose is checked here.
            Element prose = page.body().clone();
            prose.select("pre, code").remove();
            String text = prose.text();
            for (String sign : List.of("include::", "tag::", "end::", "image::", "plantuml::", "xref:", "<<", ">>")) {
                if (text.contains(sign)) {
                    leftovers.add(name + ": '" + sign + "' in " + around(text, text.indexOf(sign)));
                }
            }
            Matcher attribute = UNRESOLVED_ATTRIBUTE.matcher(text);
            while (attribute.find()) {
                leftovers.add(name + ": " + attribute.group() + " in " + around(text, attribute.start()));
            }
        });
        assertThat(leftovers).as("unresolved directives or attributes").isEmpty();
    }

    @Test
    void everyPageIsReachableFromTheStartPage() {
        Set<String> reached = new HashSet<>();
        Deque<String> toVisit = new ArrayDeque<>(List.of("index.html"));
        while (!toVisit.isEmpty()) {
            String name = toVisit.pop();
            if (!reached.add(name) || !pages.containsKey(name)) {
                continue;
            }
            for (Element link : pages.get(name).select("a[href]")) {
                String href = link.attr("href");
                String file = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
                if (!isExternal(href) && file.endsWith(".html")) {
                    toVisit.push(file);
                }
            }
        }
        assertThat(reached).as("pages reachable from index.html").containsAll(pages.keySet());
    }

    private static boolean isExternal(String href) {
        URI uri = URI.create(href.replace(" ", "%20"));
        return uri.getScheme() != null;
    }

    private static String around(String text, int at) {
        return "'..." + text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40)) + "...'";
    }
}
