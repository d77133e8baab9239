package dev.easel.server.models;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/** Shared models: upload, versions, publish, edit, delete, list, pages, downloads (with Range) and reviews. */
@RestController
@RequestMapping("/api/v1/models")
class ModelController {
    private final ModelService service;
    private final ModelReads reads;
    private final ModelReviews reviews;
    private final ModelProperties limits;
    private final DownloadCounts downloads;

    ModelController(
            ModelService service,
            ModelReads reads,
            ModelReviews reviews,
            ModelProperties limits,
            DownloadCounts downloads) {
        this.service = service;
        this.reads = reads;
        this.reviews = reviews;
        this.limits = limits;
        this.downloads = downloads;
    }

    /** A review as sent. */
    record ReviewBody(Integer rating, String text) {}

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ModelDetail> upload(
            @RequestParam MultiValueMap<String, String> form,
            @RequestPart(value = "file", required = false) MultipartFile file,
            @RequestPart(value = "images", required = false) List<MultipartFile> images,
            @AuthenticationPrincipal UserAccount user) {
        checkSize(file);
        ModelDetail created = service.upload(user, form, file, images == null ? List.of() : images);
        return ResponseEntity.created(
                        URI.create("/api/v1/models/" + created.model().id()))
                .body(created);
    }

    @GetMapping("/browse")
    Page<ModelSummary> list(
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String baseModel,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit) {
        return reads.browse(
                new ModelListParameters(sort, type, baseModel, tag, owner, cursor, number(limit, "limit", 24)));
    }

    @GetMapping("/{id}")
    ModelDetail detail(@PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        return reads.detail(id, user);
    }

    @PatchMapping("/{id}")
    ModelDetail update(
            @PathVariable String id, @RequestBody ModelEdit edit, @AuthenticationPrincipal UserAccount user) {
        return service.update(user, id, edit);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal UserAccount user) {
        service.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<VersionView> addVersion(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form,
            @RequestPart(value = "file", required = false) MultipartFile file,
            @RequestPart(value = "images", required = false) List<MultipartFile> images,
            @AuthenticationPrincipal UserAccount user) {
        checkSize(file);
        VersionView created = service.addVersion(user, id, form, file, images == null ? List.of() : images);
        return ResponseEntity.created(URI.create("/api/v1/models/" + id + "/versions/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}/versions/{versionId}")
    VersionView version(
            @PathVariable String id, @PathVariable String versionId, @AuthenticationPrincipal UserAccount user) {
        return reads.version(id, versionId, user);
    }

    @PatchMapping("/{id}/versions/{versionId}")
    VersionView updateVersion(
            @PathVariable String id,
            @PathVariable String versionId,
            @RequestBody VersionEdit edit,
            @AuthenticationPrincipal UserAccount user) {
        return service.updateVersion(user, id, versionId, edit);
    }

    @DeleteMapping("/{id}/versions/{versionId}")
    ResponseEntity<Void> deleteVersion(
            @PathVariable String id, @PathVariable String versionId, @AuthenticationPrincipal UserAccount user) {
        service.deleteVersion(user, id, versionId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/versions/{versionId}/publish")
    VersionView publish(
            @PathVariable String id, @PathVariable String versionId, @AuthenticationPrincipal UserAccount user) {
        return service.publish(user, id, versionId);
    }

    /**
     * The version as a zip, with Range support. A GET from byte 0 (no Range, or a first range from 0) is a download,
     * counted once per caller and version within a window; continuations, HEAD, 304 and 416 answers are not.
     */
    @GetMapping("/{id}/versions/{versionId}/download")
    ResponseEntity<Resource> download(
            @PathVariable String id,
            @PathVariable String versionId,
            HttpServletRequest request,
            @AuthenticationPrincipal UserAccount user) {
        ModelReads.StoredFile archive = reads.archive(id, versionId, user);
        FileSystemResource file = new FileSystemResource(archive.path());
        if (DownloadRanges.of(request, archive.sha256(), file) == DownloadRanges.Answer.FROM_START) {
            downloads.count(id, versionId, user, request.getRemoteAddr());
        }
        return send(request, archive, false);
    }

    @GetMapping("/{id}/versions/{versionId}/files/{*path}")
    ResponseEntity<Resource> file(
            @PathVariable String id,
            @PathVariable String versionId,
            @PathVariable String path,
            HttpServletRequest request,
            @AuthenticationPrincipal UserAccount user) {
        return send(request, reads.file(id, versionId, path.substring(1), user), false);
    }

    @GetMapping("/{id}/versions/{versionId}/images/{position}")
    ResponseEntity<Resource> image(
            @PathVariable String id,
            @PathVariable String versionId,
            @PathVariable String position,
            HttpServletRequest request,
            @AuthenticationPrincipal UserAccount user) {
        return send(request, reads.image(id, versionId, number(position, "position", 0), user), true);
    }

    @PostMapping("/{id}/versions/{versionId}/reviews")
    ResponseEntity<ReviewView> review(
            @PathVariable String id,
            @PathVariable String versionId,
            @RequestBody ReviewBody body,
            @AuthenticationPrincipal UserAccount user) {
        ModelReviews.Written written = reviews.review(user, id, versionId, body.rating(), body.text());
        return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(written.review());
    }

    @GetMapping("/{id}/versions/{versionId}/reviews")
    Page<ReviewView> reviews(
            @PathVariable String id,
            @PathVariable String versionId,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit,
            @AuthenticationPrincipal UserAccount user) {
        return reviews.list(id, versionId, cursor, number(limit, "limit", 20), user);
    }

    private void checkSize(MultipartFile file) {
        if (file != null && file.getSize() > limits.maxUploadBytes()) {
            throw new MaxUploadSizeExceededException(limits.maxUploadBytes());
        }
    }

    /**
     * Sends a stored file; {@code inline} for images a page shows, else as an attachment to save. Spring answers Range
     * requests itself, but would send an unsatisfiable one's 416 with the whole file, so that answer is made here.
     */
    private static ResponseEntity<Resource> send(
            HttpServletRequest request, ModelReads.StoredFile stored, boolean inline) {
        FileSystemResource file = new FileSystemResource(stored.path());
        if (DownloadRanges.of(request, stored.sha256(), file) == DownloadRanges.Answer.UNSATISFIABLE) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + length(file))
                    .build();
        }
        // Content-addressed: the bytes behind a stored file never change, so the hash is a strong ETag.
        return ResponseEntity.ok()
                .eTag(stored.sha256())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                                .filename(stored.filename())
                                .build()
                                .toString())
                .contentType(MediaType.parseMediaType(stored.mediaType()))
                .body(file);
    }

    private static long length(FileSystemResource file) {
        try {
            return file.contentLength();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int number(String text, String field, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new FieldException(field, field + " must be a whole number");
        }
    }
}
