package dev.easel.server.gallery;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.image.GenerationInfo;
import dev.easel.engine.image.PngImages;
import dev.easel.engine.image.RgbImage;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.ContentTooLargeException;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.RandomIds;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.gallery.PostRequests.JobImageRef;
import dev.easel.server.gallery.PostRequests.Upload;
import dev.easel.server.generation.BlobStore;
import dev.easel.server.generation.GenerationService;
import dev.easel.server.generation.Job;
import dev.easel.server.generation.JobImage;
import dev.easel.server.generation.JobRequest;
import dev.easel.server.generation.JobState;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** Turns job images and uploaded files into a post's images, with their generation parameters. */
@Component
class ImageIntake {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final GenerationService generation;
    private final BlobStore blobs;
    private final GalleryProperties properties;

    ImageIntake(GenerationService generation, BlobStore blobs, GalleryProperties properties) {
        this.generation = generation;
        this.blobs = blobs;
        this.properties = properties;
    }

    /** An image of one of the caller's finished jobs; other users' jobs are 404 as everywhere. */
    StoredImage fromJob(JobImageRef ref, String field, String postId, int position, UserAccount owner) {
        if (ref == null || ref.jobId() == null || ref.jobId().isBlank()) {
            throw new FieldException(field + ".jobId", field + ".jobId is required");
        }
        Job job = generation.get(ref.jobId(), owner);
        if (job.state() != JobState.DONE) {
            throw new FieldException(field + ".jobId", "job " + job.id() + " is " + job.state() + ", not DONE");
        }
        int index = ref.index() == null ? 0 : ref.index();
        JobImage image = job.images().stream()
                .filter(candidate -> candidate.index() == index)
                .findFirst()
                .orElseThrow(() -> new FieldException(
                        field + ".index",
                        field + ".index must be between 0 and " + (job.images().size() - 1) + ", got " + index));
        JobRequest r = job.request();
        GenerationParameters parameters = new GenerationParameters(
                r.prompt(),
                r.negativePrompt(),
                image.seed(),
                r.steps(),
                r.cfgScale(),
                r.sampler(),
                r.model(),
                image.infotext());
        return new StoredImage(
                RandomIds.next(),
                postId,
                position,
                image.sha256(),
                "image/png",
                r.width(),
                r.height(),
                level(ref.nsfw(), field + ".nsfw"),
                image.nsfw(),
                false,
                0,
                job.id(),
                parameters);
    }

    /**
     * An uploaded PNG or JPEG, checked but not yet stored (see {@link #store}); parameters come from a PNG's A1111
     * text when it has one.
     */
    StoredImage fromUpload(Upload upload, String nsfw, String field, String postId, int position) {
        byte[] bytes = upload.bytes();
        if (bytes.length > properties.maxImageBytes()) {
            throw new ContentTooLargeException(
                    field, field + " is " + bytes.length + " bytes, the limit is " + properties.maxImageBytes());
        }
        boolean png = startsWith(bytes, PNG);
        if (!png && !startsWith(bytes, JPEG)) {
            throw new FieldException(field, field + " must be a PNG or JPEG file");
        }
        RgbImage decoded;
        try {
            decoded = PngImages.decode(bytes, field);
        } catch (InvalidRequestException e) {
            throw new FieldException(field, e.getMessage());
        }
        GenerationParameters parameters = png ? parameters(bytes) : GenerationParameters.NONE;
        return new StoredImage(
                RandomIds.next(),
                postId,
                position,
                BlobStore.sha256(bytes),
                png ? "image/png" : "image/jpeg",
                decoded.width(),
                decoded.height(),
                level(nsfw, field + ".nsfw"),
                false,
                false,
                0,
                null,
                parameters);
    }

    /** Stores accepted uploads content-addressed, once every image of the post has passed its checks. */
    void store(List<Upload> uploads) {
        uploads.forEach(upload -> blobs.put(upload.bytes()));
    }

    /** Unreadable parameters text is kept as given, without the fields it failed to yield. */
    private static GenerationParameters parameters(byte[] png) {
        String text;
        try {
            text = PngImages.readParameters(png).orElse(null);
        } catch (InvalidRequestException e) {
            return GenerationParameters.NONE;
        }
        if (text == null) {
            return GenerationParameters.NONE;
        }
        try {
            GenerationInfo info = GenerationInfo.parse(text);
            return new GenerationParameters(
                    info.prompt(),
                    info.negativePrompt(),
                    info.seed(),
                    info.steps(),
                    info.cfgScale(),
                    info.sampler(),
                    info.modelName(),
                    text);
        } catch (InvalidRequestException e) {
            return new GenerationParameters(null, null, null, null, null, null, null, text);
        }
    }

    static NsfwLevel level(String text, String field) {
        if (text == null) {
            return NsfwLevel.PG;
        }
        return NsfwLevel.parse(text)
                .orElseThrow(() -> new FieldException(field, field + " must be PG, PG13, R or X, got " + text));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
