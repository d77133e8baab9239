package dev.easel.server.gallery;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.accounts.ViewerPreferences;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.api.RandomIds;
import dev.easel.server.api.SignInRequiredException;
import dev.easel.server.cache.ReadCache;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.LikesChanged;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.gallery.PostRepository.PostRow;
import dev.easel.server.gallery.PostRequests.ImageEdit;
import dev.easel.server.gallery.PostRequests.NewPost;
import dev.easel.server.gallery.PostRequests.PostEdit;
import dev.easel.server.gallery.PostRequests.Upload;
import dev.easel.server.gallery.PostRequests.UploadRef;
import dev.easel.server.generation.BlobStore;
import dev.easel.server.generation.ImageAccess;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** Posts: publish, read (through the read cache), edit, delete, and the per-viewer view of them. */
@Service
public class GalleryService {
    static final String POSTS = "gallery-posts";
    private static final int MAX_TITLE = 200;
    private static final int MAX_CAPTION = 5000;

    private final PostRepository posts;
    private final PostPages pages;
    private final ImageIntake intake;
    private final UserService users;
    private final ReadCache cache;
    private final ApplicationEventPublisher events;
    private final GalleryProperties properties;
    private final BlobStore blobs;

    GalleryService(
            PostRepository posts,
            PostPages pages,
            ImageIntake intake,
            UserService users,
            ReadCache cache,
            ApplicationEventPublisher events,
            GalleryProperties properties,
            BlobStore blobs) {
        this.posts = posts;
        this.pages = pages;
        this.intake = intake;
        this.users = users;
        this.cache = cache;
        this.events = events;
        this.properties = properties;
        this.blobs = blobs;
    }

    /**
     * Public, unhidden posts of these authors, newest first, as {@code viewer} sees them (the feed of followed users).
     */
    public Page<PostView> postsByAuthors(List<Long> authorIds, String cursor, int limit, UserAccount viewer) {
        return pages.byAuthors(authorIds, cursor, limit, viewer);
    }

    PostView create(NewPost body, List<Upload> uploads, UserAccount user) {
        requireSignedIn(user, "publish posts");
        String title = title(body.title());
        String caption = caption(body.caption());
        Visibility visibility =
                body.visibility() == null ? Visibility.PUBLIC : Visibility.parse(body.visibility(), "visibility");
        int jobImages = body.images() == null ? 0 : body.images().size();
        int total = jobImages + uploads.size();
        if (total == 0) {
            throw new FieldException("images", "a post needs at least one image: job images or uploaded files");
        }
        if (total > properties.maxImagesPerPost()) {
            throw new FieldException(
                    "images", "a post holds at most " + properties.maxImagesPerPost() + " images, got " + total);
        }
        List<UploadRef> uploadRefs = body.uploads() == null ? List.of() : body.uploads();
        if (uploadRefs.size() > uploads.size()) {
            throw new FieldException(
                    "uploads", "uploads lists " + uploadRefs.size() + " files, " + uploads.size() + " were sent");
        }
        String id = RandomIds.next();
        List<StoredImage> images = new ArrayList<>();
        for (int i = 0; i < jobImages; i++) {
            images.add(intake.fromJob(body.images().get(i), "images[" + i + "]", id, images.size(), user));
        }
        for (int i = 0; i < uploads.size(); i++) {
            String nsfw = i < uploadRefs.size() && uploadRefs.get(i) != null
                    ? uploadRefs.get(i).nsfw()
                    : null;
            images.add(intake.fromUpload(uploads.get(i), nsfw, "files[" + i + "]", id, images.size()));
        }
        List<String> stored = intake.store(uploads);
        boolean saved = false;
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            posts.insert(new PostRow(id, user.id(), title, caption, visibility, false, 0, now, now), images);
            saved = true;
        } finally {
            if (!saved) {
                intake.unstore(stored); // a post that failed to save leaves no file behind
            }
        }
        changed(ContentKind.POST, id);
        return get(id, user);
    }

    /**
     * A gallery list page as {@code viewer} sees it (what {@code GET /api/v1/posts} answers), for the web pages.
     *
     * @param mostLiked most liked first, else newest first
     * @param ownerId only this author's posts, or null
     */
    public Page<PostView> list(boolean mostLiked, Long ownerId, String cursor, int limit, UserAccount viewer) {
        PostQuery.Order order = mostLiked ? PostQuery.Order.MOST_LIKED : PostQuery.Order.NEWEST;
        return pages.list(new PostPages.ListRequest(order, ownerId, null, cursor, limit), viewer);
    }

    /** @throws NotFoundException when there is no such post or the viewer may not see it */
    public PostView get(String id, UserAccount viewer) {
        StoredPost post = visible(id, viewer);
        return PostViews.view(post, viewer, users.preferences(viewer));
    }

    PostView update(String id, PostEdit edit, UserAccount user) {
        StoredPost post = managed(id, user);
        String title = edit.title() == null ? post.title() : title(edit.title());
        String caption = edit.caption() == null ? post.caption() : caption(edit.caption());
        Visibility visibility =
                edit.visibility() == null ? post.visibility() : Visibility.parse(edit.visibility(), "visibility");
        Map<String, NsfwLevel> levels = new LinkedHashMap<>();
        List<ImageEdit> imageEdits = edit.images() == null ? List.of() : edit.images();
        for (int i = 0; i < imageEdits.size(); i++) {
            ImageEdit imageEdit = imageEdits.get(i);
            String field = "images[" + i + "]";
            String imageId = imageEdit == null ? null : imageEdit.id();
            if (post.images().stream().noneMatch(image -> image.id().equals(imageId))) {
                throw new FieldException(field + ".id", field + ".id is not an image of this post: " + imageId);
            }
            if (imageEdit.nsfw() == null) {
                throw new FieldException(field + ".nsfw", field + ".nsfw is required");
            }
            levels.put(imageId, ImageIntake.level(imageEdit.nsfw(), field + ".nsfw"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        posts.update(
                new PostRow(
                        id,
                        post.author().id(),
                        title,
                        caption,
                        visibility,
                        post.hidden(),
                        post.likeCount(),
                        post.createdAt(),
                        now),
                levels);
        changed(ContentKind.POST, id);
        levels.keySet().forEach(imageId -> events.publishEvent(new ContentChanged(ContentKind.IMAGE, imageId)));
        return get(id, user);
    }

    void delete(String id, UserAccount user) {
        StoredPost post = managed(id, user);
        posts.delete(id);
        changed(ContentKind.POST, id);
        post.images().forEach(image -> events.publishEvent(new ContentChanged(ContentKind.IMAGE, image.id())));
    }

    /** The file of an image whose post the viewer may see. */
    ImageFile imageFile(String imageId, UserAccount viewer) {
        NotFoundException none = new NotFoundException("no image " + imageId);
        StoredPost post = postOfImage(imageId).orElseThrow(() -> none);
        StoredImage image = post.images().stream()
                .filter(candidate -> candidate.id().equals(imageId))
                .findFirst()
                .orElseThrow(() -> none);
        ImageAccess access = PostViews.imageAccess(post, image, viewer);
        if (access == ImageAccess.NONE) {
            throw none;
        }
        byte[] bytes = blobs.get(image.sha256()).orElseThrow(() -> none);
        return new ImageFile(image.mediaType(), bytes, access);
    }

    /** An image file on its way to the client (never compared or hashed as a record). */
    @SuppressWarnings("ArrayRecordComponent")
    record ImageFile(String mediaType, byte[] bytes, ImageAccess access) {}

    /** The post, through the read cache; empty when there is none. */
    Optional<StoredPost> stored(String id) {
        if (!RandomIds.looksValid(id)) {
            return Optional.empty();
        }
        CachedPost cached = cache.get(
                POSTS, id, CachedPost.class, () -> new CachedPost(pages.load(id).orElse(null)));
        return Optional.ofNullable(cached.post());
    }

    Optional<StoredPost> postOfImage(String imageId) {
        return RandomIds.looksValid(imageId) ? posts.postOfImage(imageId).flatMap(this::stored) : Optional.empty();
    }

    /** A post page's cache entry; {@code post} is null for an id with no post, so probing ids costs no queries. */
    record CachedPost(StoredPost post) {}

    void setHidden(String id, boolean hidden) {
        if (!posts.setHidden(id, hidden)) {
            throw new NotFoundException("no post " + id);
        }
        changed(ContentKind.POST, id);
    }

    void setImageHidden(String imageId, boolean hidden) {
        String postId = posts.postOfImage(imageId).orElseThrow(() -> new NotFoundException("no image " + imageId));
        posts.setImageHidden(imageId, hidden);
        evict(postId);
        events.publishEvent(new ContentChanged(ContentKind.IMAGE, imageId));
        events.publishEvent(new ContentChanged(ContentKind.POST, postId));
    }

    /** Keeps the denormalized like counts; social itself publishes the ContentChanged that follows. */
    @EventListener
    void likesChanged(LikesChanged likes) {
        if (likes.kind() == ContentKind.POST) {
            posts.setPostLikes(likes.id(), likes.likeCount());
            evict(likes.id());
        } else if (likes.kind() == ContentKind.IMAGE) {
            posts.setImageLikes(likes.id(), likes.likeCount());
            posts.postOfImage(likes.id()).ifPresent(this::evict);
        }
    }

    ViewerPreferences preferences(UserAccount viewer) {
        return users.preferences(viewer);
    }

    void requireSignedIn(UserAccount user, String action) {
        if (user == null || users.isAnonymous(user)) {
            throw new SignInRequiredException("sign in (or send an API key of your account) to " + action);
        }
    }

    private StoredPost visible(String id, UserAccount viewer) {
        return stored(id)
                .filter(post -> PostViews.visible(post, viewer))
                .orElseThrow(() -> new NotFoundException("no post " + id));
    }

    /** A post the user may edit or delete: theirs (or any, for admins); 403 when they only may see it. */
    private StoredPost managed(String id, UserAccount user) {
        requireSignedIn(user, "edit or delete posts");
        StoredPost post = stored(id).orElseThrow(() -> new NotFoundException("no post " + id));
        if (!user.mayManage(post.author().id())) {
            if (PostViews.visible(post, user)) {
                throw new ForbiddenException("only the author may change post " + id);
            }
            throw new NotFoundException("no post " + id);
        }
        return post;
    }

    private void changed(ContentKind kind, String id) {
        evict(id);
        events.publishEvent(new ContentChanged(kind, id));
    }

    private void evict(String postId) {
        cache.evict(POSTS, postId);
        cache.evictRegion(PostPages.PAGES);
    }

    private static String title(String title) {
        if (title == null || title.isBlank() || title.length() > MAX_TITLE) {
            throw new FieldException("title", "title must be 1-" + MAX_TITLE + " characters, not all blank");
        }
        return title;
    }

    private static String caption(String caption) {
        if (caption != null && caption.length() > MAX_CAPTION) {
            throw new FieldException("caption", "caption must be at most " + MAX_CAPTION + " characters");
        }
        return caption == null ? "" : caption;
    }
}
