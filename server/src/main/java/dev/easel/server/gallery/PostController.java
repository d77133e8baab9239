package dev.easel.server.gallery;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.api.Page;
import dev.easel.server.gallery.GalleryService.ImageFile;
import dev.easel.server.gallery.PostPages.ListRequest;
import dev.easel.server.gallery.PostRequests.NewPost;
import dev.easel.server.gallery.PostRequests.PostEdit;
import dev.easel.server.gallery.PostRequests.Upload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/** The gallery API: publish, list, read, edit and delete posts, and serve their image files. */
@RestController
@RequestMapping("/api/v1")
class PostController {
    private final GalleryService gallery;
    private final PostPages pages;
    private final UserService users;
    private final JsonMapper json;

    PostController(GalleryService gallery, PostPages pages, UserService users, JsonMapper json) {
        this.gallery = gallery;
        this.pages = pages;
        this.users = users;
        this.json = json;
    }

    /** A post from the caller's job images only. */
    @PostMapping(path = "/posts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PostView> create(@RequestBody NewPost body, @AuthenticationPrincipal UserAccount user) {
        return created(gallery.create(body, List.of(), user));
    }

    /** A post from uploaded files ({@code files} parts) and, optionally, job images ({@code post} part, JSON). */
    @PostMapping(path = "/posts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PostView> upload(
            @RequestParam(name = "post", required = false) String post,
            @RequestParam(name = "files", required = false) List<MultipartFile> files,
            @AuthenticationPrincipal UserAccount user) {
        gallery.requireSignedIn(user, "publish posts");
        NewPost body = post == null ? new NewPost(null, null, null, null, null) : parse(post);
        List<Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            uploads.add(new Upload(file.getOriginalFilename(), bytes(file)));
        }
        return created(gallery.create(body, uploads, user));
    }

    @GetMapping("/posts")
    Page<PostView> list(
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal UserAccount viewer) {
        PostQuery.Order order = order(sort);
        if (user != null && model != null) {
            throw new FieldException("model", "filter by user or by model, not both");
        }
        if (order == PostQuery.Order.MOST_LIKED && (user != null || model != null)) {
            throw new FieldException("sort", "sort=liked is for the whole gallery; user and model lists are newest");
        }
        Long ownerId = null;
        if (user != null) {
            ownerId = users.findByUsername(user)
                    .orElseThrow(() -> new NotFoundException("no user " + user))
                    .id();
        }
        if (model != null && model.isBlank()) {
            throw new FieldException("model", "model must not be blank");
        }
        return pages.list(new ListRequest(order, ownerId, model, cursor, limit), viewer);
    }

    @GetMapping("/posts/{id}")
    PostView get(@PathVariable String id, @AuthenticationPrincipal UserAccount viewer) {
        return gallery.get(id, viewer);
    }

    @PatchMapping("/posts/{id}")
    PostView update(@PathVariable String id, @RequestBody PostEdit edit, @AuthenticationPrincipal UserAccount user) {
        return gallery.update(id, edit, user);
    }

    @DeleteMapping("/posts/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        gallery.delete(id, user);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/images/{id}/file")
    ResponseEntity<byte[]> file(@PathVariable String id, @AuthenticationPrincipal UserAccount viewer) {
        ImageFile file = gallery.imageFile(id, viewer);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .cacheControl(file.access().cacheControl())
                .body(file.bytes());
    }

    private static PostQuery.Order order(String sort) {
        if (sort == null) {
            return PostQuery.Order.NEWEST;
        }
        return switch (sort.strip().toLowerCase(Locale.ROOT)) {
            case "newest" -> PostQuery.Order.NEWEST;
            case "liked", "most-liked" -> PostQuery.Order.MOST_LIKED;
            default -> throw new FieldException("sort", "sort must be newest or liked, got " + sort);
        };
    }

    private NewPost parse(String post) {
        try {
            return json.readValue(post, NewPost.class);
        } catch (DatabindException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().getFirst().getPropertyName();
            throw new FieldException(
                    field == null ? "post" : field, (field == null ? "post" : field) + ": wrong type or malformed");
        } catch (JacksonException e) {
            throw new FieldException("post", "post must be a JSON object such as {\"title\": \"...\"}");
        }
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<PostView> created(PostView post) {
        return ResponseEntity.created(URI.create("/api/v1/posts/" + post.id())).body(post);
    }
}
