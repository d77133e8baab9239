package dev.easel.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.engine.testing.TinyModelSpec;
import dev.easel.engine.testing.TinyModels;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.generation.BlobStore;
import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobImage;
import dev.easel.server.generation.JobRepository;
import dev.easel.server.generation.JobRequest;
import dev.easel.server.generation.JobState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
    /** A site block list of one harmless word, so the flows can show a rejected prompt. */
    static final Path BLOCK_LIST = write(ROOT.resolve("blocked.txt"), "pinkelephant\n");

    private static final AtomicInteger USERS = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("easel.models-dir", () -> ROOT.resolve("models").toString());
        registry.add("easel.bundled-model", () -> ROOT.resolve("none").toString());
        registry.add("easel.generation.max-batch", () -> "4");
        registry.add("easel.moderation.blocklists", BLOCK_LIST::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @Autowired
    JobRepository jobs;

    @Autowired
    BlobStore blobs;

    Playwright playwright;
    Browser browser;
    UserAccount admin;

    @BeforeAll
    void launch() {
        // The moderator flow needs an admin to appoint a moderator (made as the operator's setup token makes one).
        admin = users.create(new NewUser("site-admin", null, PASSWORD), Role.ADMIN);
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
        PlaywrightAssertions.assertThat(page.getByRole(
                        AriaRole.CELL,
                        new Page.GetByRoleOptions().setName("laptop").setExact(true)))
                .isVisible();
        PlaywrightAssertions.assertThat(page.locator("#new-key-secret")).isHidden();
        PlaywrightAssertions.assertThat(page.getByLabel("Show images up to")).hasValue("R");
        PlaywrightAssertions.assertThat(page.getByLabel("Blur images above"))
                .not()
                .isChecked();
        page.context().close();
    }

    @Test
    void aPublishedPostIsLikedCommentedAndFollowedAndReachesTheFeedAndNotifications() {
        UserAccount author = newUser();
        UserAccount fan = newUser();
        Page page = signedIn(author);
        Locator job = generate(page, "orange fox in snow", 1);
        job.getByLabel("Title").fill("Fox <script>alert(1)</script>");
        job.getByLabel("Caption").fill("first try");
        job.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Publish as a post"))
                .click();
        page.waitForURL(Pattern.compile(".*/posts/[A-Za-z0-9_-]{22}$"));
        String postUrl = page.url();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Fox <script>alert(1)</script>");
        PlaywrightAssertions.assertThat(page.locator(".post-images img")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("dl.params")).containsText("orange fox in snow");
        screenshot(page, "post");

        // "Use these settings" opens the generator with the image's parameters.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Use these settings"))
                .click();
        page.waitForURL(Pattern.compile(".*/generate\\?.*"));
        PlaywrightAssertions.assertThat(page.getByLabel("Prompt", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("orange fox in snow");
        PlaywrightAssertions.assertThat(page.getByLabel("Seed")).hasValue("7");
        PlaywrightAssertions.assertThat(page.getByLabel("Steps")).hasValue("6");

        Page other = signedIn(fan);
        other.navigate("/users/" + author.username());
        other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Follow"))
                .click();
        PlaywrightAssertions.assertThat(other.locator("#follower-count")).hasText("1");
        PlaywrightAssertions.assertThat(
                        other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Following")))
                .hasAttribute("aria-pressed", "true");
        screenshot(other, "profile");

        other.navigate(postUrl);
        other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Like"))
                .click();
        PlaywrightAssertions.assertThat(other.locator("#post-likes")).hasText("1");
        other.getByLabel("Add a comment").fill("Lovely <b>fox</b>");
        other.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Comment").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(other.locator(".comments")).containsText("Lovely <b>fox</b>");
        PlaywrightAssertions.assertThat(other.locator(".comments b")).hasCount(0);
        other.reload();
        PlaywrightAssertions.assertThat(other.locator("#post-likes")).hasText("1");
        PlaywrightAssertions.assertThat(other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Like")))
                .hasAttribute("aria-pressed", "true");

        other.navigate("/feed");
        PlaywrightAssertions.assertThat(other.locator(".tile").first()).containsText("Fox <script>alert(1)</script>");
        screenshot(other, "feed");

        page.navigate("/notifications");
        Locator notes = page.locator("main li");
        PlaywrightAssertions.assertThat(notes).hasCount(3);
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("liked your");
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("commented on your");
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("followed you");
        screenshot(page, "notifications");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark all as read"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("No unread notifications.");

        page.navigate("/");
        PlaywrightAssertions.assertThat(page.locator(".tile").first()).containsText("Fox <script>alert(1)</script>");
        screenshot(page, "gallery");
        page.context().close();
        other.context().close();
    }

    @Test
    void aPrivatePostIsSeenByItsAuthorOnly() {
        UserAccount author = newUser();
        Page page = signedIn(author);
        String postUrl = publish(generate(page, "secret garden", 1), "Only mine", "PRIVATE");
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("Private");
        page.navigate("/users/" + author.username());
        PlaywrightAssertions.assertThat(page.locator(".tile")).containsText("Only mine");

        Page stranger = signedIn(newUser());
        stranger.navigate(postUrl);
        PlaywrightAssertions.assertThat(stranger.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Not found");
        assertThat(stranger.content()).doesNotContain("Only mine");
        stranger.navigate("/users/" + author.username());
        PlaywrightAssertions.assertThat(stranger.locator("main")).containsText("No posts yet.");
        stranger.navigate("/");
        assertThat(stranger.content()).doesNotContain("Only mine");
        Page visitor = visitor();
        visitor.navigate(postUrl);
        PlaywrightAssertions.assertThat(visitor.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Not found");
        page.context().close();
        stranger.context().close();
        visitor.context().close();
    }

    @Test
    void anAuthorEditsAndDeletesTheirPostAndCommentersReplyAndDeleteTheirOwnComments() {
        UserAccount author = newUser();
        Page page = signedIn(author);
        page.onDialog(dialog -> dialog.accept()); // the delete buttons ask first
        String postUrl = publish(generate(page, "paper boat", 1), "First title", "PUBLIC");

        Page other = signedIn(newUser());
        other.onDialog(dialog -> dialog.accept());
        other.navigate(postUrl);
        PlaywrightAssertions.assertThat(other.locator("#manage-post")).hasCount(0); // not theirs
        other.getByLabel("Add a comment").fill("Where does it sail?");
        other.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Comment").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(other.locator(".comments")).containsText("Where does it sail?");

        page.reload();
        page.locator(".comments summary", new Page.LocatorOptions().setHasText("Reply"))
                .click();
        page.getByLabel("Your reply").fill("Down the river");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reply"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".comments .replies")).containsText("Down the river");
        // The post's author sees no delete button on the other user's comment, only on their own reply.
        PlaywrightAssertions.assertThat(
                        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete comment")))
                .hasCount(1);
        // The author edits the reply: an empty one is refused beside the field, a new text is saved and marked edited.
        PlaywrightAssertions.assertThat(page.locator(".comments .replies"))
                .not()
                .containsText("edited");
        page.locator(".replies summary", new Page.LocatorOptions().setHasText("Edit comment"))
                .click();
        page.getByLabel("Your comment").fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save comment"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".replies [data-error-for=body]"))
                .not()
                .isEmpty();
        page.getByLabel("Your comment").fill("Down the river, slowly");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save comment"))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".comments .replies")).containsText("Down the river, slowly");
        PlaywrightAssertions.assertThat(page.locator(".comments .replies")).containsText("edited");

        other.reload();
        other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete comment"))
                .click();
        Locator thread = other.locator(".comments").first();
        PlaywrightAssertions.assertThat(thread).not().containsText("Where does it sail?");
        PlaywrightAssertions.assertThat(thread).containsText("[deleted]");
        PlaywrightAssertions.assertThat(other.locator(".comments .replies")).containsText("Down the river, slowly");

        page.reload();
        page.locator("#manage-post summary").click();
        page.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#edit-title-error")).containsText("title");
        page.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("Renamed boat");
        page.getByLabel("Caption").fill("Folded from a newspaper");
        page.locator("#edit-visibility").selectOption("UNLISTED");
        page.getByLabel("Image 1").selectOption("R");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes"))
                .click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Renamed boat");
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("Folded from a newspaper");
        PlaywrightAssertions.assertThat(page.locator("main")).containsText("Unlisted");
        screenshot(page, "post-edit");
        // Rated R, the image is shown to its author and blurred for the other user (whose limit is the default PG13).
        PlaywrightAssertions.assertThat(page.locator(".post-images dt:text-is('Rating') + dd"))
                .hasText("R");
        other.navigate(postUrl);
        PlaywrightAssertions.assertThat(other.locator(".post-images .veil"))
                .containsText("R · blurred by your settings");

        page.locator("#manage-post summary").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete post"))
                .click();
        page.waitForURL(Pattern.compile(".*/users/" + author.username() + "$"));
        PlaywrightAssertions.assertThat(page.locator("main")).not().containsText("Renamed boat");
        other.navigate(postUrl);
        PlaywrightAssertions.assertThat(other.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Not found");
        page.context().close();
        other.context().close();
    }

    @Test
    void searchSuggestsAsOneTypesAndEnterShowsTheResults() {
        Page page = signedIn(newUser());
        publish(generate(page, "tall lighthouse at dusk", 1), "Lighthouse study", "PUBLIC");
        page.navigate("/");
        Locator box = page.getByLabel("Search models, posts and people");
        box.pressSequentially("lighthou", new Locator.PressSequentiallyOptions().setDelay(30));
        // The index is fed after the write commits; suggestions come from it as one types.
        PlaywrightAssertions.assertThat(page.locator("#site-search-suggestions"))
                .containsText("Lighthouse study", new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
        box.pressSequentially("se");
        box.press("Enter");
        page.waitForURL(Pattern.compile(".*/search\\?q=lighthouse$"));
        Locator hits = page.locator(".search-hit");
        PlaywrightAssertions.assertThat(hits.first()).containsText("Lighthouse study");
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Posts (1)")))
                .isVisible();
        screenshot(page, "search");
        hits.first().getByRole(AriaRole.LINK).click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Lighthouse study");
        page.context().close();
    }

    @Test
    void anUploadedModelIsPublishedAndGeneratesAndABadZipShowsItsReason() throws IOException {
        UserAccount uploader = newUser();
        Page page = signedIn(uploader);
        page.navigate("/models/new");
        Path junk = ROOT.resolve("not-a-model.zip");
        zip(Map.of("readme.txt", "no model here".getBytes(StandardCharsets.UTF_8)), junk);
        page.getByLabel("Model zip").setInputFiles(junk);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Junk");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Upload").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#file-error"))
                .containsText("not valid", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        PlaywrightAssertions.assertThat(page.getByLabel("Model zip")).hasAttribute("aria-invalid", "true");
        screenshot(page, "model-upload-error");

        Path model = ROOT.resolve("upload.zip");
        zipFolder(TinyModels.write(ROOT.resolve("upload-model"), TinyModelSpec.defaults()), model);
        page.getByLabel("Model zip").setInputFiles(model);
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Tiny Painter");
        page.getByLabel("Tags").fill("tiny, test");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Upload").setExact(true))
                .click();
        page.waitForURL(Pattern.compile(".*/models/[A-Za-z0-9_-]+$"), new Page.WaitForURLOptions().setTimeout(60_000));
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Tiny Painter");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Publish").setExact(true))
                .click();
        Locator generateWith =
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Generate with this model"));
        PlaywrightAssertions.assertThat(generateWith).isVisible();
        screenshot(page, "model");
        String modelUrl = page.url();
        generateWith.click();
        page.waitForURL(Pattern.compile(".*/generate\\?model=.*"));
        PlaywrightAssertions.assertThat(page.getByLabel("Model", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("tiny-painter@v1-0");
        page.getByLabel("Prompt", new Page.GetByLabelOptions().setExact(true)).fill("made with the upload");
        page.getByLabel("Steps").fill("4");
        page.getByLabel("Width").fill("32");
        page.getByLabel("Height").fill("32");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Generate").setExact(true))
                .click();
        Locator job = page.locator(".job").filter(new Locator.FilterOptions().setHasText("made with the upload"));
        PlaywrightAssertions.assertThat(job.locator(".job-state"))
                .hasText("Done: 1 image", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        PlaywrightAssertions.assertThat(job.locator(".job-params")).containsText("tiny-painter@v1-0");

        page.navigate("/models");
        PlaywrightAssertions.assertThat(page.locator(".tile").first()).containsText("Tiny Painter");
        screenshot(page, "models");
        page.navigate("/users/" + uploader.username());
        PlaywrightAssertions.assertThat(page.locator("section[aria-labelledby=models-heading] .tile"))
                .containsText("Tiny Painter");

        page.navigate(modelUrl);
        page.getByLabel("Add a comment").fill("Works on 32x32");
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Comment").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(page.locator(".comments")).containsText("Works on 32x32");

        // The owner edits the model's fields: an empty name is refused beside the field, then the new ones are saved.
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save model"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("#edit-name-error")).not().isEmpty();
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Tiny Painter Pro");
        page.locator("#edit-baseModel").selectOption("SD-Turbo");
        page.locator("#edit-tags").fill("emoji, tiny");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save model"))
                .click();
        PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Tiny Painter Pro");
        PlaywrightAssertions.assertThat(page.locator("main .page-head p.muted").first())
                .containsText("SD-Turbo");
        PlaywrightAssertions.assertThat(page.locator("ul.tags")).containsText("emoji");
        page.locator(".edit-version summary").click();
        page.getByLabel("Trained words").fill("tinypaint, emoji style");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save version"))
                .click();
        PlaywrightAssertions.assertThat(page.locator("dt:text-is('Trained words') + dd"))
                .hasText("tinypaint, emoji style");

        // Deleting its one version takes it out of the generator; deleting the model takes it out of the list.
        page.onDialog(dialog -> dialog.accept());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete version"))
                .click();
        PlaywrightAssertions.assertThat(
                        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete version")))
                .hasCount(0);
        page.navigate("/generate");
        PlaywrightAssertions.assertThat(page.locator("#model option[value='tiny-painter@v1-0']"))
                .hasCount(0);
        page.navigate(modelUrl);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete model"))
                .click();
        page.waitForURL(Pattern.compile(".*/models$"));
        PlaywrightAssertions.assertThat(page.locator("main")).not().containsText("Tiny Painter");
        page.context().close();
    }

    @Test
    void aReportedPostIsHiddenFromTheModerationQueue() {
        UserAccount moderator = users.setRole(admin, newUser().id(), Role.MODERATOR);
        UserAccount authorAccount = newUser();
        Page author = signedIn(authorAccount);
        String postUrl = publish(generate(author, "rude doodle", 1), "Spam spam spam", "PUBLIC");

        Page reporter = signedIn(newUser());
        reporter.navigate(postUrl);
        reporter.getByText("Report").first().click();
        reporter.getByLabel("Reason").selectOption("SPAM");
        reporter.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send report"))
                .click();
        PlaywrightAssertions.assertThat(reporter.getByText("Thank you")).isVisible();

        // Ordinary users have no queue.
        reporter.navigate("/moderation");
        PlaywrightAssertions.assertThat(reporter.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Not allowed");

        Page mod = signedIn(moderator);
        mod.navigate("/moderation");
        Locator row = mod.locator(".queue-item").filter(new Locator.FilterOptions().setHasText("Spam spam spam"));
        PlaywrightAssertions.assertThat(row).containsText("SPAM");
        screenshot(mod, "moderation");
        row.getByLabel("Reason for the audit log").fill("spam");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Hide"))
                .click();
        PlaywrightAssertions.assertThat(mod.locator("main")).not().containsText("Spam spam spam");

        reporter.navigate(postUrl);
        PlaywrightAssertions.assertThat(reporter.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .hasText("Not found");
        author.navigate(postUrl);
        PlaywrightAssertions.assertThat(author.locator("main")).containsText("Hidden by a moderator");

        // The hide is in the audit log; a prompt the block list refuses is shown to its author and listed.
        mod.navigate("/moderation/audit");
        Locator entry = mod.locator(".audit-entry").filter(new Locator.FilterOptions().setHasText("spam"));
        PlaywrightAssertions.assertThat(entry).containsText("HIDE");
        PlaywrightAssertions.assertThat(entry).containsText(moderator.username());
        screenshot(mod, "moderation-audit");
        author.navigate("/generate");
        author.getByLabel("Prompt", new Page.GetByLabelOptions().setExact(true)).fill("a PinkElephant dancing");
        author.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Generate").setExact(true))
                .click();
        PlaywrightAssertions.assertThat(author.locator("[data-error-for=prompt]"))
                .not()
                .isEmpty();
        mod.navigate("/moderation/prompt-rejections");
        PlaywrightAssertions.assertThat(mod.locator(".rejection").first()).containsText("a PinkElephant dancing");

        // An image the safety checker flagged is listed, blurred, with its author and prompt.
        String jobId = flaggedJob(authorAccount.id());
        mod.navigate("/moderation");
        mod.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Flagged images"))
                .click();
        Locator flaggedRow = mod.locator(".flagged-image").filter(new Locator.FilterOptions().setHasText(jobId));
        PlaywrightAssertions.assertThat(flaggedRow).containsText("a flagged doodle");
        PlaywrightAssertions.assertThat(flaggedRow).containsText(authorAccount.username());
        Locator thumbnail = flaggedRow.locator(".blurred img");
        PlaywrightAssertions.assertThat(thumbnail).isVisible();
        assertThat(thumbnail.evaluate("img => img.complete && img.naturalWidth"))
                .isEqualTo(8);
        screenshot(mod, "moderation-flagged");
        author.context().close();
        reporter.context().close();
        mod.context().close();
    }

    @Test
    void aModeratorReadsAnItemsReportsAndDismissesOne() {
        // The admin appoints the moderator on their profile page.
        UserAccount moderator = newUser();
        Page adminPage = signedIn(admin);
        adminPage.navigate("/users/" + moderator.username());
        adminPage.locator("#manage-role summary").click();
        adminPage
                .getByLabel("Role", new Page.GetByLabelOptions().setExact(true))
                .selectOption("MODERATOR");
        adminPage
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save role"))
                .click();
        PlaywrightAssertions.assertThat(adminPage.locator("main .tag").first()).hasText("Moderator");
        adminPage.context().close();

        UserAccount reported = newUser();
        UserAccount reporterAccount = newUser();
        Page reporter = signedIn(reporterAccount);
        reporter.navigate("/users/" + reported.username());
        PlaywrightAssertions.assertThat(reporter.locator("#manage-role")).hasCount(0); // admins only
        reporter.getByText("Report").first().click();
        reporter.getByLabel("Reason").selectOption("HARASSMENT");
        reporter.getByLabel("Details").fill("rude messages");
        reporter.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send report"))
                .click();
        PlaywrightAssertions.assertThat(reporter.getByText("Thank you")).isVisible();

        Page mod = signedIn(moderator);
        mod.navigate("/moderation");
        Locator row = mod.locator(".queue-item").filter(new Locator.FilterOptions().setHasText(reported.username()));
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("1 report"))
                .click();
        Locator report = mod.locator(".open-report").filter(new Locator.FilterOptions().setHasText("rude messages"));
        PlaywrightAssertions.assertThat(report).containsText("HARASSMENT");
        PlaywrightAssertions.assertThat(report).containsText(reporterAccount.username());
        PlaywrightAssertions.assertThat(mod.locator("main p").first()).containsText(reported.username());
        screenshot(mod, "moderation-reports");
        report.getByLabel("Resolution").selectOption("DISMISSED");
        report.getByLabel("Note for the audit log").fill("banter between friends");
        report.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Resolve"))
                .click();
        Locator resolved = mod.locator(".resolved-report");
        PlaywrightAssertions.assertThat(resolved).containsText("DISMISSED");
        PlaywrightAssertions.assertThat(resolved).containsText("banter between friends");
        PlaywrightAssertions.assertThat(mod.locator("main")).containsText("No open reports.");

        // With no open report left the item leaves the queue; the dismissal is in the audit log.
        mod.navigate("/moderation");
        PlaywrightAssertions.assertThat(
                        mod.locator(".queue-item").filter(new Locator.FilterOptions().setHasText(reported.username())))
                .hasCount(0);
        mod.navigate("/moderation/audit");
        PlaywrightAssertions.assertThat(mod.locator(".audit-entry")
                        .filter(new Locator.FilterOptions().setHasText("banter between friends")))
                .containsText("DISMISS_REPORT");
        Response bad = mod.navigate("/moderation/reports?kind=bogus&id=1");
        assertThat(bad.status()).isEqualTo(400);
        PlaywrightAssertions.assertThat(mod.locator("main")).containsText("kind must be one of");
        reporter.context().close();
        mod.context().close();
    }

    // --- helpers

    /** A finished job of the user whose only image the safety checker flagged, stored as the generation path does. */
    private String flaggedJob(long ownerId) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String parameters = "a flagged doodle\nSteps: 2, Sampler: Euler a, CFG scale: 7, Seed: 3, Size: 8x8";
        String sha256 = blobs.put(PngImages.encode(new RgbImage(8, 8, new byte[8 * 8 * 3]), parameters));
        JobRequest request = new JobRequest("tiny", "a flagged doodle", null, 8, 8, 2, 7, "Euler a", 3, 1, null, 0, 0);
        jobs.insert(new Job(
                id,
                ownerId,
                JobState.DONE,
                request,
                null,
                3,
                now,
                now,
                now,
                null,
                "1",
                List.of(new JobImage(0, 3, sha256, true, parameters))));
        return id;
    }

    /** Publishes a finished job's images from its card; the post's URL. */
    private static String publish(Locator job, String title, String visibility) {
        job.getByLabel("Title").fill(title);
        job.getByLabel("Visibility").selectOption(visibility);
        job.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Publish as a post"))
                .click();
        job.page().waitForURL(Pattern.compile(".*/posts/[A-Za-z0-9_-]{22}$"));
        return job.page().url();
    }

    private static void zip(Map<String, byte[]> entries, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    private static void zipFolder(Path folder, Path zip) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        zip(entries, zip);
    }

    /** Generates on the generate page and waits for the job's results; the job's card. */
    private static Locator generate(Page page, String prompt, int images) {
        page.navigate("/generate");
        page.getByLabel("Prompt", new Page.GetByLabelOptions().setExact(true)).fill(prompt);
        page.getByLabel("Steps").fill("6");
        page.getByLabel("Width").fill("32");
        page.getByLabel("Height").fill("32");
        page.getByLabel("Seed").fill("7");
        page.getByLabel("Images").fill(Integer.toString(images));
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Generate").setExact(true))
                .click();
        Locator job = page.locator(".job")
                .filter(new Locator.FilterOptions().setHasText(prompt))
                .first();
        PlaywrightAssertions.assertThat(job.locator(".job-state"))
                .hasText(Pattern.compile("Done: .*"), new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        return job;
    }

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

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
