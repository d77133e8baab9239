package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.content.ContentChanged;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** Users on the embedded default (H2) and on PostgreSQL, through the service and its repository. */
class UserServiceTest {

    /** @param events what the service published, in order */
    private record Setup(UserService users, JdbcClient jdbc, List<Object> events) {}

    private static Setup setup(Kind kind) {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.create(kind));
        List<Object> events = new CopyOnWriteArrayList<>();
        return new Setup(
                new UserService(
                        new UserRepository(jdbc),
                        PasswordEncoderFactories.createDelegatingPasswordEncoder(),
                        events::add),
                jdbc,
                events);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void registrationMakesUsersEvenOnAServerWithoutAnAdmin(Kind kind) {
        UserService users = setup(kind).users();
        // The built-in anonymous account is no admin and must not take the first registrant's place.
        UserAccount anonymous = users.anonymous();
        assertThat(anonymous.role()).isEqualTo(Role.USER);

        UserAccount first = users.create(new NewUser("ann", "Ann", null));
        UserAccount second = users.create(new NewUser("bob", null, null));

        assertThat(first.role()).isEqualTo(Role.USER);
        assertThat(second.role()).isEqualTo(Role.USER);
        assertThat(users.adminExists()).isFalse();
        UserAccount admin = users.create(new NewUser("carla", null, null), Role.ADMIN);
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(users.adminExists()).isTrue();
        assertThat(second.displayName()).isEqualTo("bob");
        assertThat(users.findById(first.id())).contains(first);
        assertThat(users.findByUsername("bob")).contains(second);
        assertThat(users.findByUsername("carol")).isEmpty();
        assertThat(users.findById(first.id() + second.id() + anonymous.id() + admin.id()))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void viewerPreferencesStartAtTheDefaultAndAreStoredPerUser(Kind kind) {
        UserService users = setup(kind).users();
        UserAccount ann = users.create(new NewUser("ann", "Ann", null));
        UserAccount bob = users.create(new NewUser("bob", "Bob", null));
        assertThat(users.preferences(ann)).isEqualTo(ViewerPreferences.DEFAULT);

        users.updatePreferences(ann, new ViewerPreferences(NsfwLevel.X, false));

        assertThat(users.preferences(ann)).isEqualTo(new ViewerPreferences(NsfwLevel.X, false));
        assertThat(users.preferences(bob)).isEqualTo(ViewerPreferences.DEFAULT);
        assertThat(users.preferences(null)).isEqualTo(ViewerPreferences.DEFAULT);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void suspensionIsSetAndLiftedPerUser(Kind kind) {
        UserService users = setup(kind).users();
        UserAccount ann = users.create(new NewUser("ann", "Ann", null));
        UserAccount bob = users.create(new NewUser("bob", "Bob", null));

        users.setSuspended(bob.id(), true);
        assertThat(users.isSuspended(bob.id())).isTrue();
        assertThat(users.isSuspended(ann.id())).isFalse();

        users.setSuspended(bob.id(), false);
        assertThat(users.isSuspended(bob.id())).isFalse();
        assertThatThrownBy(() -> users.setSuspended(bob.id() + ann.id() + 100, true))
                .isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anExistingAdminMeansNoRegistrantBecomesOne(Kind kind) {
        UserService users = setup(kind).users();
        users.builtIn(UserService.ADMIN, "Administrator", Role.ADMIN);

        assertThat(users.create(new NewUser("ann", "Ann", null)).role()).isEqualTo(Role.USER);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void usernamesAreUniqueAndReservedNamesRefused(Kind kind) {
        UserService users = setup(kind).users();
        users.create(new NewUser("ann", "Ann", null));

        assertThatThrownBy(() -> users.create(new NewUser("ann", "Another Ann", null)))
                .isInstanceOfSatisfying(
                        FieldException.class, e -> assertThat(e.field()).isEqualTo("username"))
                .hasMessageContaining("already taken");
        for (String reserved : List.of(UserService.ANONYMOUS, UserService.ADMIN)) {
            assertThatThrownBy(() -> users.create(new NewUser(reserved, null, null)))
                    .isInstanceOfSatisfying(
                            FieldException.class, e -> assertThat(e.field()).isEqualTo("username"))
                    .hasMessageContaining("reserved");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rolesAreChangedByAdminsOnlyAndTheLastAdminIsKept(Kind kind) {
        Setup setup = setup(kind);
        UserService users = setup.users();
        UserAccount ann = users.create(new NewUser("ann", "Ann", null), Role.ADMIN);
        UserAccount bob = users.create(new NewUser("bob", "Bob", null));
        setup.events().clear();

        assertThatThrownBy(() -> users.setRole(bob, ann.id(), Role.USER)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> users.setRole(ann, ann.id(), Role.MODERATOR))
                .isInstanceOfSatisfying(
                        FieldException.class, e -> assertThat(e.field()).isEqualTo("role"));
        assertThatThrownBy(() -> users.setRole(ann, users.anonymous().id(), Role.ADMIN))
                .isInstanceOf(FieldException.class);
        assertThatThrownBy(() -> users.setRole(ann, ann.id() + bob.id() + 100, Role.USER))
                .isInstanceOf(NotFoundException.class);
        assertThat(setup.events()).isEmpty();

        UserAccount promoted = users.setRole(ann, bob.id(), Role.ADMIN);
        users.setRole(promoted, ann.id(), Role.MODERATOR);

        assertThat(users.findById(bob.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(users.findById(ann.id()).orElseThrow().role()).isEqualTo(Role.MODERATOR);
        assertThat(setup.events())
                .containsExactly(
                        new ContentChanged(ContentKind.USER, Long.toString(bob.id())),
                        new ContentChanged(ContentKind.USER, Long.toString(ann.id())));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void findActiveLeavesOutSuspendedUsersAndSuspensionIsAnnounced(Kind kind) {
        Setup setup = setup(kind);
        UserService users = setup.users();
        UserAccount ann = users.create(new NewUser("ann", "Ann", null));
        assertThat(setup.events()).containsExactly(new ContentChanged(ContentKind.USER, Long.toString(ann.id())));

        users.setSuspended(ann.id(), true);

        assertThat(users.findActive(ann.id())).isEmpty();
        assertThat(users.findById(ann.id())).contains(ann);
        assertThat(setup.events()).hasSize(2);
        users.setSuspended(ann.id(), false);
        assertThat(users.findActive(ann.id())).contains(ann);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPasswordChangesOnlyWithTheCurrentOne(Kind kind) {
        UserService users = setup(kind).users();
        UserAccount ann = users.create(new NewUser("ann", "Ann", "first-password"));
        UserAccount keyOnly = users.create(new NewUser("bob", "Bob", null));

        assertThatThrownBy(() -> users.changePassword(ann, "wrong-password", "second-password"))
                .isInstanceOfSatisfying(
                        FieldException.class, e -> assertThat(e.field()).isEqualTo("currentPassword"));
        assertThatThrownBy(() -> users.changePassword(ann, "first-password", "short"))
                .isInstanceOfSatisfying(
                        FieldException.class, e -> assertThat(e.field()).isEqualTo("newPassword"));
        assertThatThrownBy(() -> users.changePassword(keyOnly, null, "second-password"))
                .isInstanceOf(FieldException.class);
        users.changePassword(ann, "first-password", "second-password");

        assertThat(users.checkPassword("ann", "second-password")).contains(ann);
        assertThat(users.checkPassword("ann", "first-password")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theConfiguredAdminIsCreatedOrMadeAdminWithItsPassword(Kind kind) {
        UserService users = setup(kind).users();
        users.create(new NewUser("first", null, null));
        UserAccount existing = users.create(new NewUser("ops", "Ops", "old-password"));

        UserAccount created = users.ensureAdmin("boss", "boss-password");
        UserAccount updated = users.ensureAdmin("ops", "new-password");

        assertThat(created.role()).isEqualTo(Role.ADMIN);
        assertThat(users.checkPassword("boss", "boss-password")).isPresent();
        assertThat(updated.id()).isEqualTo(existing.id());
        assertThat(updated.role()).isEqualTo(Role.ADMIN);
        assertThat(users.checkPassword("ops", "new-password")).isPresent();
        assertThat(users.checkPassword("ops", "old-password")).isEmpty();
        assertThatThrownBy(() -> users.ensureAdmin(UserService.ANONYMOUS, "boss-password"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.ensureAdmin("boss", "short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usernamesFollowTheDocumentedPattern() {
        UserService users = setup(Kind.H2).users();
        List<String> bad = List.of("", "ab", "a".repeat(33), "Ann", "ann smith", "ann.smith", "änn", "ann\n", "ann@x");
        for (String username : bad) {
            assertThatThrownBy(() -> users.create(new NewUser(username, null, null)))
                    .as(username)
                    .isInstanceOfSatisfying(
                            FieldException.class, e -> assertThat(e.field()).isEqualTo("username"));
        }
        assertThatThrownBy(() -> users.create(new NewUser(null, null, null))).isInstanceOf(FieldException.class);
        for (String good : List.of("abc", "a".repeat(32), "ann_smith-2", "0-_")) {
            assertThat(users.create(new NewUser(good, null, null)).username()).isEqualTo(good);
        }
    }

    @Test
    void displayNamesAreTrimmedAndBounded() {
        UserService users = setup(Kind.H2).users();
        assertThat(users.create(new NewUser("ann", "  Ann Smith ", null)).displayName())
                .isEqualTo("Ann Smith");
        assertThat(users.create(new NewUser("bob", "   ", null)).displayName()).isEqualTo("bob");
        assertThat(users.create(new NewUser("cat", "c".repeat(128), null)).displayName())
                .hasSize(128);
        assertThatThrownBy(() -> users.create(new NewUser("dan", "d".repeat(129), null)))
                .isInstanceOfSatisfying(
                        FieldException.class, e -> assertThat(e.field()).isEqualTo("displayName"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void passwordsAreStoredAsBcryptAndChecked(Kind kind) {
        Setup setup = setup(kind);
        UserService users = setup.users();
        UserAccount ann = users.create(new NewUser("ann", "Ann", "correct horse"));
        users.create(new NewUser("bob", "Bob", null));

        String stored = setup.jdbc()
                .sql("select password_hash from users where id = ?")
                .param(ann.id())
                .query(String.class)
                .single();
        assertThat(stored).startsWith("{bcrypt}").doesNotContain("correct horse");
        // Verified with the bcrypt algorithm itself, not with the encoder the service used.
        assertThat(BCrypt.checkpw("correct horse", stored.substring("{bcrypt}".length())))
                .isTrue();

        assertThat(users.checkPassword("ann", "correct horse")).contains(ann);
        assertThat(users.checkPassword("ann", "correct horsE")).isEmpty();
        assertThat(users.checkPassword("nobody", "correct horse")).isEmpty();
        assertThat(users.checkPassword("bob", "anything at all")).isEmpty();
        assertThat(users.checkPassword("ann", null)).isEmpty();
    }

    @Test
    void passwordsMustFitBcrypt() {
        UserService users = setup(Kind.H2).users();
        // 24 three-byte characters are 72 bytes: the most bcrypt reads.
        String longest = "€".repeat(24);
        assertThat(users.create(new NewUser("ann", null, longest))).isNotNull();
        assertThat(users.checkPassword("ann", longest)).isPresent();
        for (String bad : List.of("short", "€".repeat(24) + "x", "a".repeat(73))) {
            assertThatThrownBy(() -> users.create(new NewUser("bob", null, bad)))
                    .isInstanceOfSatisfying(
                            FieldException.class, e -> assertThat(e.field()).isEqualTo("password"));
        }
        assertThat(users.findByUsername("bob")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void builtInAccountsAreCreatedOnceEvenWhenAskedForConcurrently(Kind kind) throws Exception {
        Setup setup = setup(kind);
        UserService users = setup.users();
        List<Future<UserAccount>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> users.builtIn(UserService.ADMIN, "Administrator", Role.ADMIN)));
            }
        }
        for (Future<UserAccount> result : results) {
            assertThat(result.get().username()).isEqualTo(UserService.ADMIN);
            assertThat(result.get().role()).isEqualTo(Role.ADMIN);
        }
        assertThat(setup.jdbc()
                        .sql("select count(*) from users where username = 'admin'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBuiltInAccountGetsTheRoleItNeeds(Kind kind) {
        Setup setup = setup(kind);
        UserService users = setup.users();
        UserAccount demoted = users.builtIn(UserService.ADMIN, "Administrator", Role.USER);

        UserAccount admin = users.builtIn(UserService.ADMIN, "Administrator", Role.ADMIN);

        assertThat(admin.id()).isEqualTo(demoted.id());
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(users.findById(admin.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void anonymousIsOneAccountWithoutAPassword() {
        UserService users = setup(Kind.H2).users();
        UserAccount anonymous = users.anonymous();

        assertThat(users.anonymous()).isEqualTo(anonymous);
        assertThat(users.findByUsername(UserService.ANONYMOUS)).contains(anonymous);
        assertThat(users.isAnonymous(anonymous)).isTrue();
        assertThat(users.checkPassword(UserService.ANONYMOUS, "")).isEmpty();
    }
}
