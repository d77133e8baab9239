package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.content.ContentKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Downloads over real HTTP: the zip's content, Range answers byte for byte, ETags and what counts as a download. */
class ModelDownloadApiTest extends ModelApiTestBase {

    @Test
    void theDownloadIsTheModelFolderAndRangesAreByteExact() throws IOException {
        Caller ann = newUser();
        JsonNode version = uploadPublished(ann, "Downloadable");
        String url = version.path("downloadUrl").asString();

        ModelHttp.Response full = anonymous.get(url);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(full.header("ETag"))
                .isEqualTo("\"" + version.path("archiveSha256").asString() + "\"");
        assertThat(ModelUploadApiTest.sha256(full.bytes()))
                .isEqualTo(version.path("archiveSha256").asString());
        assertThat(full.header("Content-Disposition")).contains("downloadable-v1.zip");
        Map<String, byte[]> unzipped = unzip(full.bytes());
        Map<String, byte[]> source = TestZips.files(TINY);
        assertThat(unzipped.keySet()).containsExactlyInAnyOrderElementsOf(source.keySet());
        source.forEach((name, bytes) -> assertThat(unzipped.get(name)).as(name).isEqualTo(bytes));

        byte[] all = full.bytes();
        int length = all.length;
        ModelHttp.Response head = anonymous.get(url, "Range", "bytes=0-99");
        assertThat(head.status()).isEqualTo(206);
        assertThat(head.header("Content-Range")).isEqualTo("bytes 0-99/" + length);
        assertThat(head.bytes()).isEqualTo(Arrays.copyOfRange(all, 0, 100));

        ModelHttp.Response rest = anonymous.get(url, "Range", "bytes=100-");
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.header("Content-Range")).isEqualTo("bytes 100-" + (length - 1) + "/" + length);
        assertThat(rest.bytes()).isEqualTo(Arrays.copyOfRange(all, 100, length));

        ModelHttp.Response tail = anonymous.get(url, "Range", "bytes=-10");
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(all, length - 10, length));

        ModelHttp.Response beyond = anonymous.get(url, "Range", "bytes=" + (length + 5) + "-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + length);
        assertThat(anonymous.get(url, "Range", "bytes=oops").status()).isEqualTo(416);

        String file = versionPath(modelIdOf(version), version.path("id").asString()) + "/files/unet/model.onnx";
        ModelHttp.Response unet = anonymous.get(file, "Range", "bytes=10-19");
        assertThat(unet.status()).isEqualTo(206);
        assertThat(unet.bytes()).isEqualTo(Arrays.copyOfRange(source.get("unet/model.onnx"), 10, 20));
        assertThat(anonymous.get(file.replace("unet/model.onnx", "nope.bin")).status())
                .isEqualTo(404);
    }

    @Test
    void anUnsatisfiableRangeIs416WithNoBody() {
        JsonNode version = uploadPublished(newUser(), "Unsatisfiable");
        String url = version.path("downloadUrl").asString();
        long length = anonymous.get(url).bytes().length;
        String file = versionPath(modelIdOf(version), version.path("id").asString()) + "/files/unet/model.onnx";
        long fileLength = anonymous.get(file).bytes().length;

        for (String range : List.of("bytes=" + (length + 5) + "-", "bytes=oops", "bytes=0-1,0-" + length)) {
            ModelHttp.Response refused = anonymous.get(url, "Range", range);
            assertThat(refused.status()).as(range).isEqualTo(416);
            assertThat(refused.header("Content-Range")).as(range).isEqualTo("bytes */" + length);
            assertThat(refused.bytes().length).as(range).isZero();
        }
        ModelHttp.Response refusedFile = anonymous.get(file, "Range", "bytes=" + fileLength + "-");
        assertThat(refusedFile.status()).isEqualTo(416);
        assertThat(refusedFile.header("Content-Range")).isEqualTo("bytes */" + fileLength);
        assertThat(refusedFile.bytes().length).isZero();
    }

    @Test
    void aDownloadCountsOncePerCallerAndVersionWhateverTheRequests() {
        Caller ann = newUser();
        JsonNode version = uploadPublished(ann, "Counted");
        String url = version.path("downloadUrl").asString();
        String modelId = modelIdOf(version);

        // Twenty one-byte requests from the start, then the whole file: one caller (an address, anonymously), once.
        for (int i = 0; i < 20; i++) {
            assertThat(anonymous.get(url, "Range", "bytes=0-0").status()).isEqualTo(206);
        }
        assertThat(anonymous.get(url).status()).isEqualTo(200);
        assertThat(counts(modelId)).isEqualTo(1);

        Caller bob = newUser();
        assertThat(bob.http().get(url, "Range", "bytes=0-999").status()).isEqualTo(206);
        assertThat(bob.http().get(url, "Range", "bytes=1000-").status()).isEqualTo(206);
        assertThat(bob.http().get(url).status()).isEqualTo(200);
        assertThat(counts(modelId)).isEqualTo(2);

        // Continuations, HEAD, 304 and 416 answers never start a download.
        Caller cat = newUser();
        assertThat(cat.http().get(url, "Range", "bytes=1000-").status()).isEqualTo(206);
        assertThat(cat.http().get(url, "Range", "bytes=999999999-").status()).isEqualTo(416);
        assertThat(cat.http().head(url).status()).isEqualTo(200);
        String etag = cat.http().get(url, "Range", "bytes=5-6").header("ETag");
        assertThat(cat.http().get(url, "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(counts(modelId)).isEqualTo(2);
        JsonNode listed = anonymous.get("/api/v1/models/" + modelId).json();
        assertThat(listed.path("versions").path(0).path("downloadCount").asLong())
                .isEqualTo(2);
    }

    @Test
    void countingADownloadNeitherFlushesTheModelListNorReindexes() {
        JsonNode version = uploadPublished(newUser(), "Quietly counted");
        String url = version.path("downloadUrl").asString();
        String modelId = modelIdOf(version);
        String list = "/api/v1/models/browse?sort=downloads&limit=3";
        assertThat(anonymous.get(list).status()).isEqualTo(200);
        long changes = contentEvents.changes(ContentKind.MODEL, modelId);

        Caller dan = newUser();
        assertThat(dan.http().get(url).status()).isEqualTo(200);

        assertThat(statements.count(() -> anonymous.get(list)))
                .as("the list page is still cached")
                .isZero();
        assertThat(contentEvents.changes(ContentKind.MODEL, modelId))
                .as("no re-index per download")
                .isEqualTo(changes);
        assertThat(counts(modelId)).isEqualTo(1);
    }

    private long counts(String modelId) {
        return anonymous
                .get("/api/v1/models/" + modelId)
                .json()
                .path("model")
                .path("downloadCount")
                .asLong();
    }

    private static String modelIdOf(JsonNode version) {
        return ModelLifecycleApiTest.modelIdOf(version);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
