package dev.easel.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The site in a real browser (Debian's Chromium, headless, driven by Playwright): one application and one browser for
 * every flow, each user in a browser context of their own. Saves screenshots of the main pages to docs/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserFlowsTest {
    static final Path ROOT = tempDir();
    static final Path MODEL = TinyModels.write(ROOT.resolve("models/tiny"), TinyModelSpec.defaults());
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final String PASSWORD = "password-123";
    private static final AtomicInteger USERS = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.generation.max-batch", () -> "4");
    }

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    Playwright playwright;
    Browser browser;

    @BeforeAll
    void launch() {
        assumeTrue(Files.isExecutable(CHROMIUM), "browser tests skipped: no Chromium at " + CHROMIUM);
        playwright = Playwright.create();
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--no-first-run")));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void registeringSignsInAndSigningOutAndInAgainWorks() {
        Page page = visitor();
        page.navigate("/register");
        String name = "painter-" + USERS.incrementAndGet();
        page.getByLabel("Username").fill(name);
        page.getByLabel("Password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))
                .click();
        // The API's reason appears next to the field it names, and nothing was created.
        PlaywrightAssertions.assertThat(page.locator("#password-error")).containsText("password");
        PlaywrightAssertions.assertThat(page.getByLabel("Password")).hasAttribute("aria-invalid", "true");
        assertThat(users.findByUsername(name)).isEmpty();

        page.getByLabel("Password").fill(PASSWORD);
        page.getByLabel("Display name").fill("Painter <b>One</b>");
        screenshot(page, "register");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))
                .click();
        page.waitForURL(url("/"));
        // Signed in, and the display name is text, not markup.
        Locator me = page.locator(".account").getByText("Painter <b>One</b>");
        PlaywrightAssertions.assertThat(me).isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out"))
                .click();
        PlaywrightAssertions.assertThat(page.getByText("Sign in").first()).isVisible();

        page.navigate("/login");
        page.getByLabel("Username").fill(name);
        page.getByLabel("Password").fill("wrong-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wrong username or password");
        page.getByLabel("Username").fill(name);
        page.getByLabel("Password").fill(PASSWORD);
        screenshot(page, "login");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".account")).containsText("Sign out");
        page.context().close();
    }

    @Test
    void theFirstTabStopSkipsToTheContent() {
        Page page = visitor();
        page.navigate("/");
        page.keyboard().press("Tab");
        Locator skip = page.locator(":focus");
        PlaywrightAssertions.assertThat(skip).hasText("Skip to content");
        page.keyboard().press("Enter");
        assertThat(page.url()).endsWith("#main");
        page.context().close();
    }

    @Test
    void pagesThatNeedAnAccountSendVisitorsToSignInAndBack() {
        UserAccount user = newUser();
        Page page = visitor();
        page.navigate("/settings");
        assertThat(page.url()).isEqualTo(url("/login"));
        page.getByLabel("Username").fill(user.username());
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(Pattern.compile(".*/settings.*"));
        PlaywrightAssertions.assertThat(
                        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Settings")))
                .isVisible();
        page.context().close();
    }

    @Test
    void generatingTwoImagesShowsProgressToTheEndAndTheResults() {
        Page page = signedIn(newUser());
        page.navigate("/generate");
        page.getByLabel("Prompt", new Page.GetByLabelOptions().setExact(true)).fill("red cat on a hill");
        page.getByLabel("Steps").fill("12");
        page.getByLabel("Width").fill("32");
        page.getByLabel("Height").fill("32");
        page.getByLabel("Seed").fill("7");
        page.getByLabel("Images").fill("2");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Generate").setExact(true))
                .click();

        Locator job = page.locator(".job").first();
        PlaywrightAssertions.assertThat(job.locator(".job-state"))
                .hasText("Done: 2 images", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        PlaywrightAssertions.assertThat(job).hasAttribute("data-progress", "100");
        Locator bar = job.locator("progress");
        assertThat(bar.evaluate("p => p.value === p.max")).isEqualTo(true);
        PlaywrightAssertions.assertThat(job.locator(".results img")).hasCount(2);
        assertThat(job.locator(".results img").first().getAttribute("alt")).contains("red cat on a hill");
        assertThat(job.locator(".results img").first().evaluate("img => img.naturalWidth"))
                .isEqualTo(32);
        screenshot(page, "generate");

        // A bad value comes back as the API's reason next to its field, and no job is added.
        page.getByLabel("Steps").fill("0");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Generate").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#steps-error")).containsText("steps");
        PlaywrightAssertions.assertThat(page.locator(".job")).hasCount(1);

        // Jobs are still there after a reload.
        page.reload();
        PlaywrightAssertions.assertThat(page.locator(".job .job-state").first()).hasText("Done: 2 images");

        // At phone width nothing sticks out sideways.
        page.setViewportSize(390, 844);
        assertThat(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                .isEqualTo(true);
        screenshot(page, "generate-phone");
        page.context().close();
    }

    @Test
    void settingsSaveTheProfileAndTheNsfwPreferenceAndCreateAKeyShownOnce() {
        UserAccount user = newUser();
        Page page = signedIn(user);
        page.navigate("/settings");
        page.getByLabel("Display name").fill("Renamed & <i>proud</i>");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save profile"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".account")).containsText("Renamed & <i>proud</i>");

        page.getByLabel("Show images up to").selectOption("R");
        page.getByLabel("Blur images above").uncheck();
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Save").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(page.getByText("Saved: pages show images"))
                .isVisible();
        assertThat(users.preferences(user).maxNsfw().name()).isEqualTo("R");
        assertThat(users.preferences(user).blurAbove()).isFalse();

        page.getByLabel("Name of a new key").fill("laptop");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key"))
                .click();
        Locator secret = page.locator("#new-key-secret code");
        PlaywrightAssertions.assertThat(secret).containsText("easel_");
        screenshot(page, "settings");
        page.reload();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName("laptop").setExact(true)))
                .isVisible();
        PlaywrightAssertions.assertThat(page.locator("#new-key-secret")).isHidden();
        PlaywrightAssertions.assertThat(page.getByLabel("Show images up to")).hasValue("R");
        PlaywrightAssertions.assertThat(page.getByLabel("Blur images above"))
                .not()
                .isChecked();
        page.context().close();
    }

    // --- helpers

    private UserAccount newUser() {
        return users.create(new NewUser("user-" + USERS.incrementAndGet(), null, PASSWORD));
    }

    private Page visitor() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setViewportSize(1280, 860));
        context.setDefaultTimeout(15_000);
        return context.newPage();
    }

    /** A browser context signed in through the sign-in page. */
    private Page signedIn(UserAccount user) {
        Page page = visitor();
        page.navigate("/login");
        page.getByLabel("Username").fill(user.username());
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".account")).containsText("Sign out");
        return page;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** docs/screenshots/NAME.png in the repository (tests run in server/). */
    private static void screenshot(Page page, String name) {
        Path dir = Paths.get("").toAbsolutePath().getParent().resolve("docs/screenshots");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(
                new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("easel-web");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
