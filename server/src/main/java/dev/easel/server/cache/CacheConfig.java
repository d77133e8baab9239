package dev.easel.server.cache;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read cache bean: Caffeine in the process by default, Redis when {@code easel.cache.redis-url} is set. */
@Configuration(proxyBeanMethods = false)
class CacheConfig {
    @Bean
    ReadCache readCache(CacheProperties properties, MeterRegistry meters) {
        if (properties.redisUrl() == null) {
            return new CaffeineReadCache(properties, new CacheMetrics(meters, "caffeine"));
        }
        return new RedisReadCache(properties, new CacheMetrics(meters, "redis"));
    }

    /**
     * {@code cache} in {@code /actuator/health}: DOWN while Redis does not answer. The site keeps working then (reads
     * go to the database), so the liveness and readiness probes do not include it.
     */
    @Bean
    HealthIndicator cacheHealthIndicator(ReadCache cache) {
        return () -> {
            if (cache instanceof RedisReadCache redis) {
                String problem = redis.problem();
                return problem == null
                        ? Health.up().withDetail("store", "redis").build()
                        : Health.down()
                                .withDetail("store", "redis")
                                .withDetail("error", problem)
                                .build();
            }
            return Health.up().withDetail("store", "caffeine").build();
        };
    }
}
