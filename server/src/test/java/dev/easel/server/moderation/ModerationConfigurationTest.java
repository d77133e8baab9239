package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.moderation.AuditResult.Rejected;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit as Spring wires it from {@code easel.moderation.*} properties. */
class ModerationConfigurationTest {
    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ModerationProperties.class)
    @Import({PromptAudit.class, PromptRejectionRepository.class})
    static class Moderation {}

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withBean(JdbcClient.class, () -> JdbcClient.create(TestDatabases.create(Kind.H2)))
                .withUserConfiguration(Moderation.class);
    }

    @Test
    void auditsWithTheShippedListsByDefault() {
        runner().run(context -> {
            assertThat(context.getBean(ModerationProperties.class).enabled()).isTrue();
            assertThat(context.getBean(PromptAudit.class).check("child porn", null))
                    .isInstanceOf(Rejected.class);
        });
    }

    @Test
    void addsCommaSeparatedFilesAndFolders() throws IOException {
        Path file = Files.writeString(dir.resolve("violence-en.txt"), "beheading video\n");
        Path folder = Files.createDirectories(dir.resolve("more"));
        Files.writeString(folder.resolve("violence-zh.txt"), "斩首视频\n");
        runner().withPropertyValues("easel.moderation.blocklists=" + file + "," + folder)
                .run(context -> {
                    PromptAudit audit = context.getBean(PromptAudit.class);
                    assertThat(audit.check("a b3heading vid3o", null))
                            .extracting(result -> ((Rejected) result).list())
                            .isEqualTo("violence-en");
                    assertThat(audit.check("斩首视频", null))
                            .extracting(result -> ((Rejected) result).list())
                            .isEqualTo("violence-zh");
                    assertThat(audit.check("child porn", null)).isInstanceOf(Rejected.class);
                });
    }

    @Test
    void canBeDisabled() {
        runner().withPropertyValues("easel.moderation.enabled=false")
                .run(context -> assertThat(context.getBean(PromptAudit.class).check("child porn", null))
                        .isEqualTo(AuditResult.ALLOWED));
    }

    @Test
    void aMissingListStopsStartupNamingTheFile() {
        Path missing = dir.resolve("typo/blocklist.txt");
        runner().withPropertyValues("easel.moderation.blocklists=" + missing).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("does not exist");
        });
    }

    @Test
    void readsRelativePathsFromTheWorkingDirectory() {
        runner().withPropertyValues("easel.moderation.blocklists=no-such-folder/extra.txt")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining(Path.of("no-such-folder/extra.txt")
                                .toAbsolutePath()
                                .toString()));
    }
}
