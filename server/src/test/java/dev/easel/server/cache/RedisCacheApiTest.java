package dev.easel.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.accounts.ApiKeyService;
import dev.easel.server.accounts.NewUser;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app with {@code easel.cache.redis-url} set, over real HTTP: a feature's cached read (profiles) is stored in
 * the real redis-server, and the feature's write evicts it there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RedisCacheApiTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    ReadCache cache;

    @Autowired
    UserService users;

    @Autowired
    ApiKeyService keys;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("easel.data-dir", dataDir::toString);
        registry.add("easel.bundled-model", () -> dataDir.resolve("none").toString());
        registry.add("easel.cache.redis-url", () -> REDIS.server().url());
    }

    @Test
    void aProfileIsCachedInRedisAndItsEditEvictsIt() {
        UserAccount ada =
                users.findByUsername("ada").orElseGet(() -> users.create(new NewUser("ada", "Ada", "pw-12345678")));
        ApiClient anonymous = new ApiClient(port, null);
        ApiClient owner = new ApiClient(port, keys.create(ada, "test").secret());
        String key = "easel:cache:{profiles}:v:0:ada";
        try (RedisClient client = RedisClient.create(REDIS.server().url());
                StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(cache).isInstanceOf(RedisReadCache.class);

            assertThat(anonymous
                            .get("/api/v1/users/ada")
                            .json()
                            .get("displayName")
                            .asString())
                    .isEqualTo("Ada");
            assertThat(redis.sync().get(key)).contains("\"displayName\":\"Ada\"");

            assertThat(owner.patch("/api/v1/me", "{\"displayName\": \"Ada L.\"}")
                            .status())
                    .isEqualTo(200);

            assertThat(redis.sync().exists(key)).isZero();
            assertThat(anonymous
                            .get("/api/v1/users/ada")
                            .json()
                            .get("displayName")
                            .asString())
                    .isEqualTo("Ada L.");
            assertThat(redis.sync().get(key)).contains("\"displayName\":\"Ada L.\"");
        }
    }
}
