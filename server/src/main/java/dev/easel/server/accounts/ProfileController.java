package dev.easel.server.accounts;

import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/** Public profiles, the caller's profile edits and avatar, and the avatar images themselves. */
@RestController
class ProfileController {
    private static final Set<String> EDITABLE = Set.of("displayName", "bio");

    private final ProfileService profiles;
    private final AvatarStore avatars;

    ProfileController(ProfileService profiles, AvatarStore avatars) {
        this.profiles = profiles;
        this.avatars = avatars;
    }

    @GetMapping("/api/v1/users/{username}")
    Profile profile(@AuthenticationPrincipal UserAccount viewer, @PathVariable("username") String username) {
        return profiles.find(username, viewer).orElseThrow(() -> new NotFoundException("no such user: " + username));
    }

    /** Changes only the fields sent: {@code displayName} (null or blank: the username), {@code bio} (null: none). */
    @PatchMapping("/api/v1/me")
    Profile edit(@AuthenticationPrincipal UserAccount user, @RequestBody JsonNode body) {
        JsonNode fields = JsonBodies.object(body, EDITABLE);
        Profile current = profiles.own(user);
        String displayName =
                fields.has("displayName") ? JsonBodies.string(fields, "displayName") : current.displayName();
        String bio = fields.has("bio") ? JsonBodies.string(fields, "bio") : current.bio();
        return profiles.update(user, displayName, bio);
    }

    @PutMapping(path = "/api/v1/me/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Profile uploadAvatar(@AuthenticationPrincipal UserAccount user, @RequestParam("avatar") MultipartFile file)
            throws IOException {
        if (file.getSize() > AvatarStore.MAX_BYTES) {
            throw tooLarge();
        }
        return profiles.setAvatar(user, file.getBytes());
    }

    /** The image as the whole body ({@code Content-Type: image/png} or {@code image/jpeg}). */
    @PutMapping(
            path = "/api/v1/me/avatar",
            consumes = {MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE})
    Profile putAvatar(@AuthenticationPrincipal UserAccount user, HttpServletRequest request) throws IOException {
        byte[] image;
        try (InputStream body = request.getInputStream()) {
            // One byte over the limit is enough to know it is too large, without reading the rest.
            image = body.readNBytes(AvatarStore.MAX_BYTES + 1);
        }
        if (image.length > AvatarStore.MAX_BYTES) {
            throw tooLarge();
        }
        return profiles.setAvatar(user, image);
    }

    @DeleteMapping("/api/v1/me/avatar")
    Profile removeAvatar(@AuthenticationPrincipal UserAccount user) {
        return profiles.removeAvatar(user);
    }

    /** Content-addressed, so a name always means the same bytes and browsers may keep them for good. */
    @GetMapping("/api/v1/avatars/{file}")
    ResponseEntity<FileSystemResource> avatar(@PathVariable("file") String file) {
        AvatarStore.Avatar avatar =
                avatars.read(file).orElseThrow(() -> new NotFoundException("no such avatar: " + file));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(avatar.mediaType()))
                .cacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .body(new FileSystemResource(avatar.file()));
    }

    private static FieldException tooLarge() {
        return new FieldException(
                AvatarStore.FIELD, "avatar must be at most " + AvatarStore.MAX_BYTES / (1024 * 1024) + " MB");
    }
}
