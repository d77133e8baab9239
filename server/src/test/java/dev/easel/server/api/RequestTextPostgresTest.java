package dev.easel.server.api;

import dev.easel.server.testing.TestDatabases;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link RequestTextTest} on PostgreSQL, which refuses NUL in text columns (a 500 if it got that far). */
@DirtiesContext
class RequestTextPostgresTest extends RequestTextTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        common(registry, "postgres");
        registry.add("spring.datasource.url", TestDatabases::freshPostgresUrl);
        registry.add("spring.datasource.username", () -> "postgres");
    }
}
