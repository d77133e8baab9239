package dev.easel.server.gallery;

import java.util.List;

/** The request bodies of the post endpoints (strings for enums, so a bad value is a 400 naming its field). */
final class PostRequests {
    private PostRequests() {}

    /**
     * A new post.
     *
     * @param images images of the caller's finished generation jobs
     * @param uploads the NSFW level of each uploaded file, in the order of the files (missing: PG)
     */
    record NewPost(
            String title, String caption, String visibility, List<JobImageRef> images, List<UploadRef> uploads) {}

    /** Image {@code index} of job {@code jobId}. */
    record JobImageRef(String jobId, Integer index, String nsfw) {}

    record UploadRef(String nsfw) {}

    /** An uploaded file (held only while the request is handled, never compared or hashed as a record). */
    @SuppressWarnings("ArrayRecordComponent")
    record Upload(String filename, byte[] bytes) {}

    /** Changes to a post; null fields stay as they are. */
    record PostEdit(String title, String caption, String visibility, List<ImageEdit> images) {}

    record ImageEdit(String id, String nsfw) {}
}
