package dev.easel.server.cache;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The read cache bean: Caffeine by default. */
@Configuration(proxyBeanMethods = false)
class CacheConfig {
    @Bean
    ReadCache readCache() {
        return new CaffeineReadCache(10_000, Duration.ofMinutes(5));
    }
}
