package dev.easel.server.generation;

import java.nio.charset.StandardCharsets;

/** Exact-result cache keys: everything that decides the pixels, hashed. */
final class RequestKeys {
    private RequestKeys() {}

    static String of(ModelCatalog.Entry model, JobRequest r) {
        String material = String.join(
                "\n",
                model.folder().sha256(),
                r.prompt(),
                r.negativePrompt(),
                Integer.toString(r.steps()),
                Double.toString(r.cfgScale()),
                r.sampler(),
                r.width() + "x" + r.height(),
                Long.toString(r.seed()),
                Integer.toString(r.count()),
                String.valueOf(r.initImage()),
                Double.toString(r.strength()));
        return BlobStore.sha256(material.getBytes(StandardCharsets.UTF_8));
    }
}
