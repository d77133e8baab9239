package dev.easel.server.accounts;

import dev.easel.server.accounts.ProfileRepository.ProfileRow;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.cache.ReadCache;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Public profiles (display name, bio, avatar), read through the cache and edited by their owner. Suspended users'
 * profiles are shown to moderators only. Every edit is announced as {@link ContentChanged} for {@link ContentKind#USER}.
 */
@Service
public class ProfileService {
    static final int MAX_BIO = 2000;
    static final String AVATAR_PATH = "/api/v1/avatars/";
    private static final String REGION = "profiles";

    private final ProfileRepository profiles;
    private final AvatarStore avatars;
    private final ReadCache cache;
    private final ApplicationEventPublisher events;

    ProfileService(ProfileRepository profiles, AvatarStore avatars, ReadCache cache, ApplicationEventPublisher events) {
        this.profiles = profiles;
        this.avatars = avatars;
        this.cache = cache;
        this.events = events;
    }

    /** The profile as {@code viewer} may see it (null viewer: signed out); empty when missing or hidden from them. */
    public Optional<Profile> find(String username, UserAccount viewer) {
        Profile profile = cache.get(REGION, username, Profile.class, () -> profiles.findByUsername(username)
                .map(ProfileService::profile)
                .orElse(null));
        if (profile == null || (profile.suspended() && !mayViewSuspended(viewer))) {
            return Optional.empty();
        }
        return Optional.of(profile);
    }

    /** The caller's own profile, read from the database. */
    public Profile own(UserAccount user) {
        return profiles.findById(user.id())
                .map(ProfileService::profile)
                .orElseThrow(() -> new NotFoundException("no such user: " + user.id()));
    }

    /**
     * Replaces display name and bio.
     *
     * @param displayName null or blank for the username
     * @param bio null or empty for none; otherwise kept as written
     * @throws FieldException naming {@code displayName} or {@code bio} when too long
     */
    public Profile update(UserAccount user, String displayName, String bio) {
        String name = UserService.displayName(displayName, user.username());
        if (bio != null && bio.length() > MAX_BIO) {
            throw new FieldException("bio", "bio must be at most " + MAX_BIO + " characters");
        }
        profiles.updateProfile(user.id(), name, bio == null || bio.isEmpty() ? null : bio);
        changed(user);
        return own(user);
    }

    /** @throws FieldException naming {@code avatar} when the image is refused (see {@link AvatarStore#store}) */
    public Profile setAvatar(UserAccount user, byte[] image) {
        String stored = avatars.store(image);
        replaceAvatar(user, stored);
        return own(user);
    }

    public Profile removeAvatar(UserAccount user) {
        replaceAvatar(user, null);
        return own(user);
    }

    /** Any change to a user (edits here, role, suspension) makes the cached profile stale. */
    @EventListener
    void forget(ContentChanged change) {
        if (change.kind() != ContentKind.USER) {
            return;
        }
        parseId(change.id()).flatMap(profiles::findById).ifPresent(row -> cache.evict(REGION, row.username()));
    }

    static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void replaceAvatar(UserAccount user, String stored) {
        String previous = profiles.findById(user.id()).map(ProfileRow::avatar).orElse(null);
        profiles.updateAvatar(user.id(), stored);
        if (previous != null && !previous.equals(stored) && !profiles.avatarInUse(previous)) {
            avatars.delete(previous);
        }
        changed(user);
    }

    private void changed(UserAccount user) {
        events.publishEvent(new ContentChanged(ContentKind.USER, Long.toString(user.id())));
    }

    private static boolean mayViewSuspended(UserAccount viewer) {
        return viewer != null && viewer.role().atLeast(Role.MODERATOR);
    }

    static Profile profile(ProfileRow row) {
        return new Profile(
                row.id(),
                row.username(),
                row.displayName(),
                row.bio(),
                row.avatar() == null ? null : AVATAR_PATH + row.avatar(),
                row.role(),
                row.createdAt().toInstant(),
                row.suspended());
    }
}
