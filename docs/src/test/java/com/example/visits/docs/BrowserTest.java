package com.example.visits.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.example.visits.testsupport.tools.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered page opened in a real browser (headless Chromium, driven through chromedriver): each image is
 * displayed (its natural width is above zero), the page logs no error (a missing file, a script or style that cannot
 * load: the pages need no network), and a screenshot of each page is saved under {@code docs/target/screenshots/}.
 * Skipped where Chromium is not installed, with the command to install it; CI installs it and requires it.
 */
class BrowserTest {

    /** Selenium warns through java.util.logging that it has no DevTools (CDP) client for this Chromium: none is used. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private ChromeDriver browser;

    // Per test, not @BeforeAll: a skip from @BeforeAll is reported as "Tests run: 0" with no reason, a skip here as a
    // skipped test with the install hint.
    @BeforeEach
    void startChromium() {
        Path chromium = ExternalTool.CHROMIUM.require();
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path driver = ExternalTool.CHROMEDRIVER.require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1600", "--allow-file-access-from-files");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPageShowsItsImagesAndLogsNoError() throws Exception {
        Files.createDirectories(Workbook.SCREENSHOTS);
        List<String> problems = new ArrayList<>();
        for (Path page : Workbook.renderedPages()) {
            String name = page.getFileName().toString().replaceFirst("\\.html$", "");
            browser.get(page.toUri().toString());
            @SuppressWarnings("unchecked")
            List<String> notDisplayed = (List<String>) ((JavascriptExecutor) browser).executeScript(
                    "return Array.from(document.images)"
                            + ".filter(image => !(image.complete && image.naturalWidth > 0))"
                            + ".map(image => image.getAttribute('src'));");
            notDisplayed.forEach(src -> problems.add(name + ": image not displayed: " + src));
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    problems.add(name + ": console error: " + entry.getMessage());
                }
            }
            Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(screenshot, Workbook.SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(problems).as("pages with an image not displayed or a console error").isEmpty();
        assertThat(Workbook.SCREENSHOTS.resolve("index.png")).isNotEmptyFile();
    }
}
