package dev.easel.server.accounts;

import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * API keys: {@code easel_} plus 32 random URL-safe characters, stored as SHA-256 so a database leak reveals no usable
 * key. Also recognises the operator's {@code EASEL_ADMIN_API_KEY}, which needs no row at all.
 */
@Service
public class ApiKeyService {
    static final String SECRET_PREFIX = "easel_";
    // 24 random bytes are exactly 32 base64url characters, with no padding.
    private static final int SECRET_RANDOM_BYTES = 24;
    private static final int SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length() + 6;
    private static final int MAX_NAME = 100;
    // Writing on every request would turn each authenticated read into a write; a minute is precise enough.
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final UserService users;
    private final Clock clock;
    private final byte[] adminKeyHash;
    private final SecureRandom random = new SecureRandom();
    private volatile UserAccount admin;

    @Autowired
    public ApiKeyService(ApiKeyRepository keys, UserService users, AuthProperties auth) {
        this(keys, users, auth, Clock.systemUTC());
    }

    ApiKeyService(ApiKeyRepository keys, UserService users, AuthProperties auth, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.clock = clock;
        this.adminKeyHash = auth.hasAdminApiKey() ? sha256(auth.adminApiKey()) : null;
    }

    /** Creates a key for {@code owner}; the returned secret is not stored and cannot be shown again. */
    public CreatedApiKey create(UserAccount owner, String name) {
        String keyName = name == null ? "" : name.strip();
        if (keyName.isEmpty() || keyName.length() > MAX_NAME) {
            throw new FieldException("name", "name must be 1-" + MAX_NAME + " characters");
        }
        byte[] bytes = new byte[SECRET_RANDOM_BYTES];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey key =
                keys.insert(owner.id(), keyName, hex(sha256(secret)), secret.substring(0, SHOWN_PREFIX_LENGTH), now());
        return new CreatedApiKey(key, secret);
    }

    /** The user's keys, revoked ones included, newest first. */
    public List<ApiKey> list(UserAccount owner) {
        return keys.listByUser(owner.id());
    }

    /**
     * Revokes a key of the caller's, or any key for an admin; revoking twice is harmless.
     *
     * @throws NotFoundException when there is no such key or it is someone else's, alike so ids reveal nothing
     */
    public void revoke(UserAccount caller, long id) {
        ApiKey key = keys.find(id)
                .filter(found -> caller.mayManage(found.userId()))
                .orElseThrow(() -> new NotFoundException("no API key with id " + id));
        keys.revoke(key.id(), now());
    }

    /** The user a secret belongs to; empty for unknown and revoked keys. */
    public Optional<UserAccount> authenticate(String secret) {
        if (secret == null || secret.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(secret);
        if (adminKeyHash != null && MessageDigest.isEqual(hash, adminKeyHash)) {
            return Optional.of(admin());
        }
        if (!secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        Optional<ApiKey> key = keys.findByHash(hex(hash)).filter(found -> !found.revoked());
        key.ifPresent(this::recordUse);
        return key.flatMap(found -> users.findById(found.userId()));
    }

    /** Makes the admin account exist as soon as the server is up, so the operator sees it before first use. */
    @EventListener(ApplicationReadyEvent.class)
    void createAdminAccount() {
        if (adminKeyHash != null) {
            admin();
        }
    }

    private UserAccount admin() {
        UserAccount account = admin;
        if (account == null) {
            account = users.builtIn(UserService.ADMIN, "Administrator", Role.ADMIN);
            admin = account;
        }
        return account;
    }

    private void recordUse(ApiKey key) {
        Instant now = now();
        if (key.lastUsedAt() == null
                || key.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
            keys.markUsed(key.id(), now);
        }
    }

    private Instant now() {
        // The databases keep microseconds; truncating makes what create() returns equal what list() reads back.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
