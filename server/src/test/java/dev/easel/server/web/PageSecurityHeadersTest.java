package dev.easel.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.ApiClient;
import dev.easel.server.testing.CommunityApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Pages are served with a script policy that an injected tag cannot pass, and no template needs an exception to it. */
class PageSecurityHeadersTest extends CommunityApp {
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");
    private static final Pattern EVENT_ATTRIBUTE = Pattern.compile("\\son[a-z]+\\s*=\\s*\"");

    @Test
    void pagesForbidInlineAndForeignScripts() {
        for (String page : List.of("/", "/login", "/register", "/models", "/search?q=x")) {
            ApiClient.Response response = anonymous().get(page);
            assertThat(response.status()).as(page).isEqualTo(200);
            String policy = response.headers()
                    .firstValue("Content-Security-Policy")
                    .orElseThrow(() -> new AssertionError(page + " has no Content-Security-Policy"));
            assertThat(policy).as(page).contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'");
            assertThat(policy)
                    .as(page)
                    .doesNotContain("unsafe-eval")
                    .doesNotContainPattern("script-src[^;]*unsafe-inline");
            assertThat(response.headers().firstValue("Referrer-Policy"))
                    .as(page)
                    .hasValue("same-origin");
        }
    }

    @Test
    void noTemplateHasAnInlineScriptOrEventHandler() throws IOException {
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(template);
                assertThat(INLINE_SCRIPT.matcher(html).find())
                        .as("inline <script> in " + template)
                        .isFalse();
                assertThat(EVENT_ATTRIBUTE.matcher(html).find())
                        .as("on* attribute in " + template)
                        .isFalse();
            }
        }
    }
}
