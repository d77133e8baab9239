package dev.easel.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.server.api.FieldException;
import dev.easel.server.api.NotFoundException;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** API keys on the embedded default (H2) and on PostgreSQL, through the service and its repository. */
class ApiKeyServiceTest {
    private static final String ADMIN_KEY = "operator-secret-0123456789";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private record Setup(ApiKeyRepository repository, UserService users, JdbcClient jdbc) {
        ApiKeyService keys() {
            return keysAt(T0);
        }

        ApiKeyService keysAt(Instant now) {
            return new ApiKeyService(
                    repository,
                    users,
                    new AuthProperties(ADMIN_KEY, true, null, null),
                    Clock.fixed(now, ZoneOffset.UTC));
        }

        UserAccount user(String username) {
            return users.create(new NewUser(username, null, null));
        }
    }

    private static Setup setup(Kind kind) {
        JdbcClient jdbc = JdbcClient.create(TestDatabases.create(kind));
        UserService users = new UserService(
                new UserRepository(jdbc), PasswordEncoderFactories.createDelegatingPasswordEncoder(), event -> {});
        return new Setup(new ApiKeyRepository(jdbc), users, jdbc);
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aKeyIsStoredOnlyAsItsHashAndAShortPrefix(Kind kind) throws Exception {
        Setup setup = setup(kind);
        UserAccount ann = setup.user("ann");

        CreatedApiKey created = setup.keys().create(ann, "  laptop ");

        assertThat(created.secret()).matches("easel_[A-Za-z0-9_-]{32}");
        ApiKey key = created.key();
        assertThat(key.name()).isEqualTo("laptop");
        assertThat(key.userId()).isEqualTo(ann.id());
        assertThat(key.createdAt()).isEqualTo(T0);
        assertThat(key.lastUsedAt()).isNull();
        assertThat(key.revoked()).isFalse();
        assertThat(created.secret()).startsWith(key.prefix());
        assertThat(key.prefix()).startsWith("easel_").hasSizeLessThanOrEqualTo(16);
        assertThat(key.prefix().length()).isLessThan(created.secret().length() / 2);

        Map<String, Object> row = setup.jdbc()
                .sql("select * from api_keys where id = ?")
                .param(key.id())
                .query()
                .singleRow();
        assertThat(row.values())
                .noneMatch(value -> value != null && value.toString().contains(created.secret()));
        assertThat(row.get("key_hash")).isEqualTo(sha256Hex(created.secret()));
    }

    @Test
    void secretsDoNotRepeat() {
        Setup setup = setup(Kind.H2);
        UserAccount ann = setup.user("ann");
        ApiKeyService keys = setup.keys();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            secrets.add(keys.create(ann, "key " + i).secret());
        }
        assertThat(secrets).hasSize(50);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aKeyAuthenticatesItsOwnerUntilRevoked(Kind kind) {
        Setup setup = setup(kind);
        UserAccount ann = setup.user("ann");
        ApiKeyService keys = setup.keys();
        CreatedApiKey created = keys.create(ann, "laptop");

        assertThat(keys.authenticate(created.secret())).contains(ann);
        assertThat(keys.authenticate(created.secret() + "x")).isEmpty();
        String secret = created.secret();
        char last = secret.charAt(secret.length() - 1);
        String oneCharOff = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(keys.authenticate(oneCharOff)).isEmpty();
        assertThat(keys.authenticate(created.key().prefix())).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();

        keys.revoke(ann, created.key().id());

        assertThat(keys.authenticate(created.secret())).isEmpty();
        assertThat(keys.list(ann)).singleElement().satisfies(key -> assertThat(key.revokedAt())
                .isEqualTo(T0));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void useIsRecordedToTheMinute(Kind kind) {
        Setup setup = setup(kind);
        UserAccount ann = setup.user("ann");
        CreatedApiKey created = setup.keys().create(ann, "laptop");

        setup.keysAt(T0.plusSeconds(5)).authenticate(created.secret());
        assertThat(lastUsed(setup, created)).isEqualTo(T0.plusSeconds(5));

        // Within the minute the stored time stays, sparing a write per request.
        setup.keysAt(T0.plusSeconds(50)).authenticate(created.secret());
        assertThat(lastUsed(setup, created)).isEqualTo(T0.plusSeconds(5));

        Instant later = T0.plusSeconds(5).plus(Duration.ofMinutes(1)).plusMillis(1);
        setup.keysAt(later).authenticate(created.secret());
        assertThat(lastUsed(setup, created)).isEqualTo(later);
    }

    private static Instant lastUsed(Setup setup, CreatedApiKey created) {
        return setup.keys().list(setup.users().findById(created.key().userId()).orElseThrow()).stream()
                .filter(key -> key.id() == created.key().id())
                .findFirst()
                .orElseThrow()
                .lastUsedAt();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void usersSeeAndRevokeOnlyTheirOwnKeysWhileAdminsMayRevokeAny(Kind kind) {
        Setup setup = setup(kind);
        UserAccount admin = setup.users().create(new NewUser("root", null, null), Role.ADMIN);
        UserAccount ann = setup.user("ann");
        UserAccount bob = setup.user("bob");
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        CreatedApiKey annsOld = setup.keysAt(T0).create(ann, "old");
        CreatedApiKey annsNew = setup.keysAt(T0.plusSeconds(1)).create(ann, "new");
        CreatedApiKey bobs = setup.keys().create(bob, "bob's");
        ApiKeyService keys = setup.keys();

        assertThat(keys.list(ann)).extracting(ApiKey::name).containsExactly("new", "old");
        assertThat(keys.list(bob))
                .extracting(ApiKey::id)
                .containsExactly(bobs.key().id());

        long annsKey = annsOld.key().id();
        assertThatThrownBy(() -> keys.revoke(bob, annsKey)).isInstanceOf(NotFoundException.class);
        assertThat(keys.authenticate(annsOld.secret())).contains(ann);
        assertThatThrownBy(() -> keys.revoke(
                        bob, annsKey + annsNew.key().id() + bobs.key().id()))
                .isInstanceOf(NotFoundException.class);

        keys.revoke(admin, annsKey);
        assertThat(keys.authenticate(annsOld.secret())).isEmpty();
        assertThat(keys.authenticate(annsNew.secret())).contains(ann);
        assertThat(keys.authenticate(bobs.secret())).contains(bob);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void revokingTwiceKeepsTheFirstTime(Kind kind) {
        Setup setup = setup(kind);
        UserAccount ann = setup.user("ann");
        CreatedApiKey created = setup.keys().create(ann, "laptop");

        setup.keysAt(T0.plusSeconds(10)).revoke(ann, created.key().id());
        setup.keysAt(T0.plusSeconds(20)).revoke(ann, created.key().id());

        assertThat(setup.keys().list(ann)).singleElement().satisfies(key -> assertThat(key.revokedAt())
                .isEqualTo(T0.plusSeconds(10)));
    }

    @Test
    void keyNamesAreRequiredAndBounded() {
        Setup setup = setup(Kind.H2);
        UserAccount ann = setup.user("ann");
        ApiKeyService keys = setup.keys();
        for (String bad : new String[] {null, "", "   ", "n".repeat(101)}) {
            assertThatThrownBy(() -> keys.create(ann, bad))
                    .isInstanceOfSatisfying(
                            FieldException.class, e -> assertThat(e.field()).isEqualTo("name"));
        }
        assertThat(keys.create(ann, "n".repeat(100)).key().name()).hasSize(100);
        assertThat(keys.list(ann)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theOperatorKeyAuthenticatesAsAnAdminCreatedOnDemand(Kind kind) {
        Setup setup = setup(kind);
        ApiKeyService keys = setup.keys();
        assertThat(setup.users().findByUsername(UserService.ADMIN)).isEmpty();

        UserAccount admin = keys.authenticate(ADMIN_KEY).orElseThrow();

        assertThat(admin.username()).isEqualTo(UserService.ADMIN);
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(setup.users().findByUsername(UserService.ADMIN)).contains(admin);
        assertThat(keys.authenticate(ADMIN_KEY + " ")).isEmpty();
        assertThat(keys.authenticate(ADMIN_KEY.substring(1))).isEmpty();
        // No row holds the operator key: it works from the setting alone.
        assertThat(setup.jdbc()
                        .sql("select count(*) from api_keys")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theOperatorKeyAccountIsMadeAtStartup(Kind kind) {
        Setup setup = setup(kind);
        setup.keys().createAdminAccount();
        assertThat(setup.users().findByUsername(UserService.ADMIN))
                .get()
                .extracting(UserAccount::role)
                .isEqualTo(Role.ADMIN);

        Setup without = setup(kind);
        new ApiKeyService(without.repository(), without.users(), new AuthProperties(null, true, null, null))
                .createAdminAccount();
        assertThat(without.users().findByUsername(UserService.ADMIN)).isEmpty();
    }

    @Test
    void withoutAnOperatorKeyNothingMatchesIt() {
        Setup setup = setup(Kind.H2);
        ApiKeyService keys =
                new ApiKeyService(setup.repository(), setup.users(), new AuthProperties("  ", true, null, null));
        assertThat(keys.authenticate(ADMIN_KEY)).isEmpty();
        assertThat(keys.authenticate("  ")).isEmpty();
    }

    @Test
    void aShortOperatorKeyIsRefusedAtStartup() {
        assertThatThrownBy(() -> new AuthProperties("too-short", true, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EASEL_ADMIN_API_KEY");
        assertThat(new AuthProperties(" " + ADMIN_KEY + "\n", true, null, null).adminApiKey())
                .isEqualTo(ADMIN_KEY);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void timesSurviveTheDatabaseExactly(Kind kind) {
        // Microseconds, and a date that differs between UTC and the zone west of it, must come back unchanged.
        Setup setup = setup(kind);
        UserAccount ann = setup.user("ann");
        Instant odd = Instant.parse("2025-01-01T02:59:59.123456Z");
        ApiKey key = setup.keysAt(odd).create(ann, "laptop").key();
        assertThat(key.createdAt()).isEqualTo(odd);
        assertThat(setup.keys().list(ann)).extracting(ApiKey::createdAt).isEqualTo(List.of(odd));
    }
}
