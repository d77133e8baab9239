package dev.easel.server.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link RequestTextTest} on the embedded default, H2. */
class RequestTextH2Test extends RequestTextTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        common(registry, "h2");
    }
}
