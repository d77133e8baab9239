package dev.easel.server.gallery;

import dev.easel.engine.InvalidRequestException;
import dev.easel.engine.image.GenerationInfo;
import dev.easel.engine.image.PngImages;
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
import dev.easel.server.images.ImageDecoder;
import dev.easel.server.images.ImageFormat;
import dev.easel.server.images.ImageHeader;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Turns job images and uploaded files into a post's images, with their generation parameters. */
@Component
class ImageIntake {
    private final GenerationService generation;
    private final BlobStore blobs;
    private final GalleryProperties properties;
    private final ImageDecoder images;

    ImageIntake(GenerationService generation, BlobStore blobs, GalleryProperties properties, ImageDecoder images) {
        this.generation = generation;
        this.blobs = blobs;
        this.properties = properties;
        this.images = images;
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
     * An uploaded PNG or JPEG, checked but not yet stored (see {@link #store}): its size is read from the header and
     * held to {@code easel.images.max-pixels} before it is decoded. Parameters come from a PNG's A1111 text when it has
     * one.
     */
    StoredImage fromUpload(Upload upload, String nsfw, String field, String postId, int position) {
        byte[] bytes = upload.bytes();
        if (bytes.length > properties.maxImageBytes()) {
            throw new ContentTooLargeException(
                    field, field + " is " + bytes.length + " bytes, the limit is " + properties.maxImageBytes());
        }
        ImageHeader header = images.header(field, bytes, images.uploadLimit());
        images.decode(field, bytes, images.uploadLimit()); // a file that does not decode is refused, not stored
        boolean png = header.format() == ImageFormat.PNG;
        GenerationParameters parameters = png ? parameters(bytes) : GenerationParameters.NONE;
        return new StoredImage(
                RandomIds.next(),
                postId,
                position,
                BlobStore.sha256(bytes),
                header.format().mediaType(),
                header.width(),
                header.height(),
                level(nsfw, field + ".nsfw"),
                false,
                false,
                0,
                null,
                parameters);
    }

    /**
     * Stores accepted uploads content-addressed, once every image of the post has passed its checks.
     *
     * @return the hashes of files this call created (not those already stored), for {@link #unstore}
     */
    List<String> store(List<Upload> uploads) {
        List<String> created = new ArrayList<>();
        for (Upload upload : uploads) {
            String hash = BlobStore.sha256(upload.bytes());
            if (!blobs.contains(hash)) {
                blobs.put(upload.bytes());
                created.add(hash);
            }
        }
        return created;
    }

    /** Removes files {@link #store} created for a post that was then not saved. */
    void unstore(List<String> created) {
        created.forEach(blobs::delete);
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
}
