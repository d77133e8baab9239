package dev.easel.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.easel.server.testing.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configuration picks the implementation: Caffeine without {@code easel.cache.redis-url}, Redis with it. */
class CacheConfigTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CacheProperties.class)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Meters.class, CacheConfig.class);

    @Test
    void withoutARedisUrlTheCacheIsInTheProcess() {
        runner.withPropertyValues("easel.cache.redis-url=").run(context -> {
            assertThat(context.getBean(ReadCache.class)).isInstanceOf(CaffeineReadCache.class);
            assertThat(context.getBean("cacheHealthIndicator", HealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UP);
        });
    }

    @Test
    void withARedisUrlTheCacheIsInRedisAndItsHealthFollowsRedis() {
        assumeTrue(RedisServer.installed(), RedisServer.MISSING);
        try (RedisServer server = RedisServer.start()) {
            runner.withPropertyValues("easel.cache.redis-url=" + server.url(), "easel.cache.ttl=2m")
                    .run(context -> {
                        ReadCache cache = context.getBean(ReadCache.class);
                        assertThat(cache).isInstanceOf(RedisReadCache.class);
                        AtomicInteger loads = new AtomicInteger();
                        cache.get("profiles", "ada", String.class, () -> "Ada " + loads.incrementAndGet());
                        assertThat(cache.get("profiles", "ada", String.class, () -> "Ada " + loads.incrementAndGet()))
                                .isEqualTo("Ada 1");
                        HealthIndicator health = context.getBean("cacheHealthIndicator", HealthIndicator.class);
                        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                        server.stop();

                        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
                        assertThat(cache.get("profiles", "ada", String.class, () -> "Ada from the database"))
                                .isEqualTo("Ada from the database");
                    });
        }
    }

    @Test
    void aRefreshAgeBeyondTheTtlIsRefused() {
        runner.withPropertyValues("easel.cache.ttl=1m", "easel.cache.refresh-after=2m")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("easel.cache.refresh-after"));
    }
}
