package dev.easel.server.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
    void aDownloadCountsOnceWhateverTheContinuations() {
        Caller ann = newUser();
        JsonNode version = uploadPublished(ann, "Counted");
        String url = version.path("downloadUrl").asString();
        String modelId = modelIdOf(version);

        assertThat(anonymous.get(url).status()).isEqualTo(200);
        assertThat(counts(modelId)).isEqualTo(1);
        // A client that fetches in pieces: the first piece starts a download, the others continue it.
        assertThat(anonymous.get(url, "Range", "bytes=0-999").status()).isEqualTo(206);
        assertThat(anonymous.get(url, "Range", "bytes=1000-").status()).isEqualTo(206);
        assertThat(counts(modelId)).isEqualTo(2);
        assertThat(anonymous.get(url, "Range", "bytes=999999999-").status()).isEqualTo(416);
        assertThat(anonymous.head(url).status()).isEqualTo(200);
        String etag = anonymous.get(url, "Range", "bytes=5-6").header("ETag");
        assertThat(anonymous.get(url, "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(counts(modelId)).isEqualTo(2);
        JsonNode listed = anonymous.get("/api/v1/models/" + modelId).json();
        assertThat(listed.path("versions").path(0).path("downloadCount").asLong())
                .isEqualTo(2);
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
