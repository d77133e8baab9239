package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Uploading models over real HTTP: what is stored, and every way an upload is refused leaving nothing behind. */
class ModelUploadApiTest extends ModelApiTestBase {

    @Test
    void uploadStoresADraftWithHashesAndContentAddressedFiles() throws Exception {
        Caller ann = newUser();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        ModelHttp.Response created = ann.http()
                .post("/api/v1/models", form("Tiny Emoji!", tinyZip()).file("images", "sample.png", "image/png", png));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode page = created.json();
        JsonNode model = page.path("model");
        assertThat(model.path("name").asString()).isEqualTo("Tiny Emoji!");
        assertThat(model.path("slug").asString()).isEqualTo("tiny-emoji");
        assertThat(model.path("type").asString()).isEqualTo("Checkpoint");
        assertThat(model.path("baseModel").asString()).isEqualTo("SD 1.5");
        assertThat(model.path("allowCommercialUse").asBoolean()).isTrue();
        assertThat(model.path("allowDerivatives").asBoolean()).isFalse();
        assertThat(model.path("tags").toString()).isEqualTo("[\"tiny\",\"test\"]");
        assertThat(model.path("publishedAt").isNull()).isTrue();
        assertThat(page.path("description").asString()).isEqualTo("A tiny <b>test</b> model");
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/models/" + model.path("id").asString());

        JsonNode version = page.path("versions").path(0);
        assertThat(version.path("status").asString()).isEqualTo("DRAFT");
        assertThat(version.path("generationName").asString()).isEqualTo("tiny-emoji@v1-0");
        assertThat(version.path("trainedWords").toString()).isEqualTo("[\"emoji style\"]");
        assertThat(version.path("sha256").asString()).isEqualTo(new dev.easel.engine.model.ModelFolder(TINY).sha256());

        // Every file of the folder is listed with its SHA-256 and stored once under that hash, top folder stripped.
        Map<String, byte[]> source = TestZips.files(TINY);
        JsonNode files = version.path("files");
        assertThat(files).hasSize(source.size());
        for (JsonNode file : files) {
            byte[] bytes = source.get(file.path("path").asString());
            assertThat(bytes).as(file.toString()).isNotNull();
            String sha = sha256(bytes);
            assertThat(file.path("sha256").asString()).isEqualTo(sha);
            assertThat(file.path("bytes").asLong()).isEqualTo(bytes.length);
            Path stored = ROOT.resolve("data/model-files")
                    .resolve(sha.substring(0, 2))
                    .resolve(sha);
            assertThat(Files.readAllBytes(stored)).isEqualTo(bytes);
        }
        JsonNode image = version.path("images").path(0);
        assertThat(image.path("mediaType").asString()).isEqualTo("image/png");
        assertThat(image.path("sha256").asString()).isEqualTo(sha256(png));
        ModelHttp.Response served = ann.http().get(image.path("url").asString());
        assertThat(served.bytes()).isEqualTo(png);
        assertThat(served.header("Content-Type")).isEqualTo("image/png");
        assertThat(served.header("Content-Disposition")).startsWith("inline");
        assertThat(newUser().http().get(image.path("url").asString()).status())
                .as("a draft's images are its owner's too")
                .isEqualTo(404);
        assertThat(storedFiles()).as("no upload working folder is left").noneMatch(p -> p.toString()
                .contains("model-uploads"));
    }

    @Test
    void identicalFilesAreStoredOnceAndAZipWithFilesAtItsRootIsAccepted() {
        Caller ann = newUser();
        upload(ann, "Stored once A");
        int before = storedFiles().size();
        ModelHttp.Response second = ann.http().post("/api/v1/models", form("Stored once B", TestZips.zip(TINY, "")));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(storedFiles())
                .as("same files and same download zip: nothing new stored")
                .hasSize(before);
    }

    @Test
    void anonymousCallersCannotUpload() {
        long models = rows("models");
        ModelHttp.Response refused = anonymous.post("/api/v1/models", form("Anon", tinyZip()));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("message").asString()).contains("sign in");
        assertThat(rows("models")).isEqualTo(models);
    }

    @Test
    void uploadsOverTheLimitGet413() {
        byte[] big = new byte[(int) MAX_UPLOAD + 1024];
        ModelHttp.Response refused = newUser().http().post("/api/v1/models", form("Big", big));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().path("message").asString()).contains("too large");
    }

    @Test
    void aModelTheEngineRejectsIsRefusedWithItsReasons() throws Exception {
        Path broken = Files.createTempDirectory(ROOT, "broken");
        TestZips.files(TINY).forEach((name, bytes) -> {
            if (!name.startsWith("unet/")) {
                write(broken.resolve(name), bytes);
            }
        });
        write(broken.resolve("vae_decoder/model.onnx"), new byte[] {1, 2, 3});
        assertRefused(TestZips.zip(broken, "broken/"), "unet/model.onnx: missing", "vae_decoder/model.onnx");
    }

    @Test
    void entriesThatEscapeTheFolderAreRefused() {
        Map<String, byte[]> slip = new LinkedHashMap<>(prefixed("m/"));
        slip.put("m/../../evil.txt", new byte[] {1});
        assertRefused(TestZips.zip(slip), "'m/../../evil.txt' would be written outside the model folder");

        Map<String, byte[]> absolute = new LinkedHashMap<>(prefixed(""));
        absolute.put("/tmp/evil.txt", new byte[] {1});
        assertRefused(TestZips.zip(absolute), "'/tmp/evil.txt' would be written outside");
        assertThat(Files.exists(Path.of("/tmp/evil.txt"))).isFalse();
    }

    @Test
    void anEntryPathLongerThanTheStoredColumnIsRefusedBeforeUnpacking() {
        // No unet either: the refusal must come from the zip's directory, before unpacking and the engine's check.
        Map<String, byte[]> entries = new LinkedHashMap<>(prefixed("m/"));
        entries.keySet().removeIf(name -> name.startsWith("m/unet/"));
        String longPath = ("d".repeat(99) + "/").repeat(5) + "x.bin";
        assertThat(longPath).hasSizeGreaterThan(500);
        entries.put("m/" + longPath, new byte[] {1});
        assertRefused(TestZips.zip(entries), "'m/" + longPath.substring(0, 150), "at most 500 characters");
    }

    @Test
    void symbolicLinksAreRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(prefixed("m/"));
        entries.put("m/link", "/etc/passwd".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRefused(TestZips.withSymlink(TestZips.zip(entries), "m/link"), "'m/link' is a symbolic link");
    }

    @Test
    void duplicateNamesAreRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(prefixed("m/"));
        entries.put("m/aaaa.txt", new byte[] {1});
        entries.put("m/bbbb.txt", new byte[] {2});
        byte[] zip = TestZips.renamed(TestZips.zip(entries), "m/bbbb.txt", "m/aaaa.txt");
        assertRefused(zip, "two entries named 'm/aaaa.txt'");
    }

    @Test
    void tooManyEntriesAreRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>(prefixed("m/"));
        for (int i = entries.size(); i <= MAX_ENTRIES; i++) {
            entries.put("m/extra/" + i + ".txt", new byte[] {(byte) i});
        }
        assertRefused(TestZips.zip(entries), "entries; at most " + MAX_ENTRIES + " are allowed");
    }

    @Test
    void tooManyUnpackedBytesAreRefusedCountingWhatIsInflated() {
        Map<String, byte[]> entries = new LinkedHashMap<>(prefixed("m/"));
        byte[] noise = new byte[(int) MAX_UNPACKED];
        new Random(7).nextBytes(noise);
        entries.put("m/noise.bin", noise);
        assertRefused(TestZips.zip(entries), "unpacks to more than " + MAX_UNPACKED + " bytes");
    }

    @Test
    void aZipBombIsRefusedByItsInflationRatio() {
        // 3 MiB of zeros deflate to a few KiB: far past 100 unpacked bytes per zip byte, though under the byte limit.
        Map<String, byte[]> entries = Map.of("m/zeros.bin", new byte[3 << 20]);
        assertRefused(TestZips.zip(entries), "times its size; refused as a likely zip bomb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a zip at all", ""})
    void somethingThatIsNotAZipIsRefused(String content) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertRefused(bytes, content.isEmpty() ? "file is required" : "not a zip archive");
    }

    @Test
    void everyBadFieldIsA400NamingIt() {
        Caller ann = newUser();
        Map<String, UnaryOperator<ModelHttp.Form>> cases = new LinkedHashMap<>();
        cases.put(
                "name",
                f -> f.field("versionName", "v").field("type", "Checkpoint").field("baseModel", "SDXL"));
        cases.put("type", f -> base(f).field("type", "LoRA").field("baseModel", "SDXL"));
        cases.put("baseModel", f -> base(f).field("type", "Checkpoint").field("baseModel", "SD 9"));
        cases.put("allowCommercialUse", f -> valid(f).field("allowCommercialUse", "maybe"));
        cases.put("tags", f -> valid(f).field("tags", "x".repeat(41)));
        cases.put("trainedWords", f -> valid(f).field("trainedWords", "w".repeat(201)));
        cases.put("description", f -> valid(f).field("description", "d".repeat(20_001)));
        cases.put(
                "versionName",
                f -> f.field("name", "n").field("type", "Checkpoint").field("baseModel", "SDXL"));
        cases.put("images", f -> valid(f).file("images", "x.gif", "image/gif", "GIF89a".getBytes()));
        long models = rows("models");
        int files = storedFiles().size();
        for (var c : cases.entrySet()) {
            ModelHttp.Form form = c.getValue().apply(new ModelHttp.Form());
            form.file("file", "model.zip", "application/zip", tinyZip());
            ModelHttp.Response refused = ann.http().post("/api/v1/models", form);
            assertThat(refused.status()).as(c.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().path("field").asString())
                    .as(refused.body())
                    .isEqualTo(c.getKey());
        }
        assertThat(rows("models")).isEqualTo(models);
        assertThat(storedFiles()).hasSize(files);
    }

    private static ModelHttp.Form base(ModelHttp.Form form) {
        return form.field("name", "n").field("versionName", "v");
    }

    private static ModelHttp.Form valid(ModelHttp.Form form) {
        return base(form).field("type", "Checkpoint").field("baseModel", "SDXL");
    }

    /** The upload answers 400 on {@code file} with each expected text, and leaves no files and no rows. */
    private void assertRefused(byte[] zip, String... reasons) {
        Caller ann = newUser();
        long models = rows("models");
        long versions = rows("model_versions");
        List<Path> before = storedFiles();
        ModelHttp.Response refused = ann.http().post("/api/v1/models", form("Refused", zip));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo("file");
        for (String reason : reasons) {
            assertThat(refused.json().path("message").asString()).contains(reason);
        }
        assertThat(rows("models")).isEqualTo(models);
        assertThat(rows("model_versions")).isEqualTo(versions);
        assertThat(storedFiles()).containsExactlyInAnyOrderElementsOf(before);
    }

    private static Map<String, byte[]> prefixed(String prefix) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        TestZips.files(TINY).forEach((name, bytes) -> entries.put(prefix + name, bytes));
        return entries;
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
