package dev.easel.server.accounts;

import dev.easel.server.accounts.UserRepository.NewUserRow;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Users: registration, look-ups, passwords, roles, suspension and the built-in accounts. Every change is announced as {@link ContentChanged} for {@link ContentKind#USER}.
 */
@Service
public class UserService {
    /** Who API calls without a key run as, when anonymous use is allowed. */
    public static final String ANONYMOUS = "anonymous";
    /** Who the operator's {@code EASEL_ADMIN_API_KEY} authenticates as. */
    public static final String ADMIN = "admin";

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_-]{3,32}");
    private static final Set<String> RESERVED = Set.of(ANONYMOUS, ADMIN);
    private static final int MAX_DISPLAY_NAME = 128;
    private static final int MIN_PASSWORD = 8;
    // bcrypt reads at most 72 bytes; Spring's encoder refuses longer input rather than truncating it.
    private static final int MAX_PASSWORD_BYTES = 72;

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    // Compared against when the user is unknown, so a wrong username costs as long as a wrong password.
    private final String unknownUserHash;
    private volatile UserAccount anonymous;

    public UserService(UserRepository users, PasswordEncoder passwords, ApplicationEventPublisher events) {
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.unknownUserHash = passwords.encode("no such user");
    }

    /**
     * Registers a user with the role USER.
     *
     * @throws FieldException naming {@code username}, {@code displayName} or {@code password} when one is invalid or
     *     the username is taken
     */
    public UserAccount create(NewUser user) {
        return create(user, Role.USER);
    }

    /**
     * Registers a user with a role. Only the operator's paths (the setup token, tests) give more than USER: open
     * registration never makes an admin.
     *
     * @throws FieldException as {@link #create(NewUser)}
     */
    public UserAccount create(NewUser user, Role role) {
        String username = user.username() == null ? "" : user.username();
        if (!USERNAME.matcher(username).matches()) {
            throw new FieldException(
                    "username", "username must be 3-32 characters: lowercase letters, digits, '_' or '-'");
        }
        if (RESERVED.contains(username)) {
            throw new FieldException("username", "username '" + username + "' is reserved");
        }
        String displayName = displayName(user.displayName(), username);
        // Checked before hashing too (the insert is the real check), so a taken name costs no bcrypt time.
        if (users.findByUsername(username).isPresent()) {
            throw taken(username);
        }
        String hash = user.password() == null ? null : passwords.encode(checkedPassword("password", user.password()));
        UserAccount created;
        try {
            created = insert(new NewUserRow(username, displayName, hash, role, Instant.now()));
        } catch (DuplicateKeyException e) {
            throw taken(username);
        }
        changed(created.id());
        return created;
    }

    private static FieldException taken(String username) {
        return new FieldException("username", "username '" + username + "' is already taken");
    }

    /** Whether any account has the ADMIN role. */
    public boolean adminExists() {
        return users.adminExists();
    }

    public Optional<UserAccount> findById(long id) {
        return users.findById(id);
    }

    public Optional<UserAccount> findByUsername(String username) {
        return users.findByUsername(username);
    }

    /** The user unless suspended (or gone): signed-in requests are checked against this every time. */
    public Optional<UserAccount> findActive(long id) {
        return users.findActiveById(id);
    }

    /** The users with these ids, by id, in one query (list pages show many authors); unknown ids are left out. */
    public Map<Long, UserAccount> findAllById(Collection<Long> ids) {
        return ids.isEmpty() ? Map.of() : users.findAllById(ids);
    }

    /** The user with this username and password; empty when either is wrong or the account has no password. */
    public Optional<UserAccount> checkPassword(String username, String password) {
        Optional<UserAccount> user = users.findByUsername(username);
        Optional<String> hash = user.flatMap(found -> users.passwordHash(found.id()));
        boolean matches = password != null
                && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
                && passwords.matches(password, hash.orElse(unknownUserHash));
        return matches && hash.isPresent() ? user : Optional.empty();
    }

    /** What {@code viewer} wants shown; the defaults for signed-out visitors (null) and the anonymous account. */
    public ViewerPreferences preferences(UserAccount viewer) {
        if (viewer == null || isAnonymous(viewer)) {
            return ViewerPreferences.DEFAULT;
        }
        return users.preferences(viewer.id()).orElse(ViewerPreferences.DEFAULT);
    }

    public void updatePreferences(UserAccount user, ViewerPreferences preferences) {
        users.updatePreferences(user.id(), preferences);
    }

    /**
     * Suspends or reinstates a user (moderation).
     *
     * @throws dev.easel.server.api.NotFoundException when there is no such user
     */
    public void setSuspended(long userId, boolean suspended) {
        if (!users.updateSuspendedAt(userId, suspended ? Instant.now() : null)) {
            throw new NotFoundException("no such user: " + userId);
        }
        changed(userId);
    }

    public boolean isSuspended(long userId) {
        return users.isSuspended(userId);
    }

    /**
     * Changes a password after checking the current one.
     *
     * @throws FieldException naming {@code currentPassword} when it is wrong (or the account has none), or
     *     {@code newPassword} when it breaks the password rules
     */
    public void changePassword(UserAccount user, String currentPassword, String newPassword) {
        if (checkPassword(user.username(), currentPassword).isEmpty()) {
            throw new FieldException("currentPassword", "currentPassword is wrong");
        }
        if (newPassword == null) {
            throw new FieldException("newPassword", "newPassword is required");
        }
        users.updatePassword(user.id(), passwords.encode(checkedPassword("newPassword", newPassword)));
    }

    /**
     * Gives a user a role (admins only). The built-in accounts keep theirs, and the last admin cannot be demoted.
     *
     * @throws ForbiddenException when {@code caller} is no admin
     * @throws NotFoundException when there is no such user
     * @throws FieldException naming {@code role} when the change is not allowed
     */
    public UserAccount setRole(UserAccount caller, long userId, Role role) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("only admins may change roles");
        }
        UserAccount user = users.findById(userId).orElseThrow(() -> new NotFoundException("no such user: " + userId));
        if (RESERVED.contains(user.username())) {
            throw new FieldException("role", "the built-in account '" + user.username() + "' keeps its role");
        }
        if (!users.updateRoleKeepingAnAdmin(userId, role)) {
            throw new FieldException("role", "the last admin cannot be demoted: make another admin first");
        }
        changed(userId);
        return new UserAccount(user.id(), user.username(), user.displayName(), role);
    }

    /**
     * Makes the operator's configured admin account exist with this password and the ADMIN role, creating it or updating
     * an existing one. The reserved name {@code admin} is allowed here (it then is the account the admin API key uses).
     */
    UserAccount ensureAdmin(String username, String password) {
        if (ANONYMOUS.equals(username) || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("easel.auth.admin-username (EASEL_ADMIN_USERNAME) must be 3-32"
                    + " characters: lowercase letters, digits, '_' or '-', and not 'anonymous'");
        }
        if (password.length() < MIN_PASSWORD || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("easel.auth.admin-password (EASEL_ADMIN_PASSWORD) must be at least "
                    + MIN_PASSWORD + " characters and at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        UserAccount admin = builtIn(username, ADMIN.equals(username) ? "Administrator" : username, Role.ADMIN);
        users.updatePassword(admin.id(), passwords.encode(password));
        changed(admin.id());
        return admin;
    }

    /** Whether the account is one of the built-in ones ({@code anonymous}, {@code admin}), which search leaves out. */
    public boolean isBuiltIn(UserAccount user) {
        return RESERVED.contains(user.username());
    }

    /** The shared account of callers without a key, created the first time it is needed. */
    public UserAccount anonymous() {
        UserAccount account = anonymous;
        if (account == null) {
            account = builtIn(ANONYMOUS, "Anonymous", Role.USER);
            anonymous = account;
        }
        return account;
    }

    public boolean isAnonymous(UserAccount user) {
        return ANONYMOUS.equals(user.username());
    }

    /** A built-in account (no password) with exactly this role, created if missing. */
    UserAccount builtIn(String username, String displayName, Role role) {
        Optional<UserAccount> existing = users.findByUsername(username);
        if (existing.isEmpty()) {
            try {
                return insert(new NewUserRow(username, displayName, null, role, Instant.now()));
            } catch (DuplicateKeyException e) {
                // Another request created it a moment ago.
                existing = users.findByUsername(username);
            }
        }
        UserAccount user = existing.orElseThrow();
        if (user.role() != role) {
            users.updateRole(user.id(), role);
            user = new UserAccount(user.id(), user.username(), user.displayName(), role);
        }
        return user;
    }

    private UserAccount insert(NewUserRow row) {
        long id = users.insert(row);
        return users.findById(id).orElseThrow();
    }

    static String displayName(String requested, String username) {
        if (requested == null || requested.isBlank()) {
            return username;
        }
        String name = requested.strip();
        if (name.length() > MAX_DISPLAY_NAME) {
            throw new FieldException("displayName", "displayName must be at most " + MAX_DISPLAY_NAME + " characters");
        }
        return name;
    }

    private void changed(long userId) {
        events.publishEvent(new ContentChanged(ContentKind.USER, Long.toString(userId)));
    }

    private static String checkedPassword(String field, String password) {
        if (password.length() < MIN_PASSWORD || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new FieldException(
                    field,
                    field + " must be at least " + MIN_PASSWORD + " characters and at most " + MAX_PASSWORD_BYTES
                            + " bytes in UTF-8");
        }
        return password;
    }
}
