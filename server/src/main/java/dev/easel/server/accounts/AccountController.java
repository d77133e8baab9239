package dev.easel.server.accounts;

import dev.easel.server.api.FieldException;
import dev.easel.server.content.NsfwLevel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration, who the caller is (so a client can check which account its key, session or nothing acts as), the
 * caller's settings and password, and roles.
 */
@RestController
class AccountController {
    record PreferencesEdit(String maxNsfw, Boolean blurAbove) {}

    record PasswordChange(String currentPassword, String newPassword) {}

    record RoleChange(String role) {}

    private final UserService users;
    private final SignInService signIns;
    private final AdminSetup adminSetup;
    private final RegistrationThrottle registrations;

    AccountController(
            UserService users, SignInService signIns, AdminSetup adminSetup, RegistrationThrottle registrations) {
        this.users = users;
        this.signIns = signIns;
        this.adminSetup = adminSetup;
        this.registrations = registrations;
    }

    /**
     * A registration as sent.
     *
     * @param setupToken the one-time token from the log of a server without an admin; null for an ordinary account
     */
    record Registration(String username, String displayName, String password, String setupToken) {}

    /** Open registration makes ordinary users; only the operator's setup token makes an admin. */
    @PostMapping("/api/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView register(@RequestBody Registration registration, HttpServletRequest request) {
        String address = request.getRemoteAddr();
        registrations.attempt(address);
        try {
            if (registration.password() == null) {
                // Without a password a registered account could never sign in to get its first key.
                throw new FieldException("password", "password is required");
            }
            NewUser user = new NewUser(registration.username(), registration.displayName(), registration.password());
            UserAccount created = registration.setupToken() == null
                    ? users.create(user)
                    : adminSetup.registerAdmin(user, registration.setupToken());
            return AccountView.of(created, false);
        } catch (FieldException e) {
            // A refused registration made nothing; a wrong setup token still counts, so it cannot be guessed at speed.
            if (!"setupToken".equals(e.field())) {
                registrations.giveBack(address);
            }
            throw e;
        }
    }

    @GetMapping("/api/v1/me")
    AccountView me(@AuthenticationPrincipal UserAccount user) {
        return AccountView.of(user, users.isAnonymous(user));
    }

    @GetMapping("/api/v1/me/preferences")
    ViewerPreferences preferences(@AuthenticationPrincipal UserAccount user) {
        return users.preferences(user);
    }

    @PutMapping("/api/v1/me/preferences")
    ViewerPreferences updatePreferences(@AuthenticationPrincipal UserAccount user, @RequestBody PreferencesEdit edit) {
        NsfwLevel maxNsfw = Optional.ofNullable(edit.maxNsfw())
                .flatMap(NsfwLevel::parse)
                .orElseThrow(() ->
                        new FieldException("maxNsfw", "maxNsfw must be one of " + Arrays.toString(NsfwLevel.values())));
        if (edit.blurAbove() == null) {
            throw new FieldException("blurAbove", "blurAbove is required and must be true or false");
        }
        ViewerPreferences preferences = new ViewerPreferences(maxNsfw, edit.blurAbove());
        users.updatePreferences(user, preferences);
        return users.preferences(user);
    }

    /** Sessions signed in before stay signed in; revoke API keys separately if the password leaked. */
    @PutMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal UserAccount user, @RequestBody PasswordChange change, HttpServletRequest request) {
        signIns.changePassword(user, change.currentPassword(), change.newPassword(), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/v1/users/{id}/role")
    AccountView setRole(
            @AuthenticationPrincipal UserAccount caller, @PathVariable("id") long id, @RequestBody RoleChange change) {
        String name = change.role();
        if (name == null) {
            throw new FieldException("role", "role is required");
        }
        Role role = Arrays.stream(Role.values())
                .filter(candidate -> candidate.name().equalsIgnoreCase(name.strip()))
                .findFirst()
                .orElseThrow(() -> new FieldException("role", "role must be one of " + Arrays.toString(Role.values())));
        return AccountView.of(users.setRole(caller, id, role), false);
    }
}
