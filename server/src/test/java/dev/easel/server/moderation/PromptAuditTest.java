package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.easel.server.moderation.AuditResult.Field;
import dev.easel.server.moderation.AuditResult.Rejected;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class PromptAuditTest {
    @TempDir
    Path dir;

    private static PromptAudit audit(boolean enabled, List<Path> lists) {
        PromptRejectionRepository repository =
                new PromptRejectionRepository(JdbcClient.create(TestDatabases.create(Kind.H2)));
        return new PromptAudit(new ModerationProperties(enabled, lists), repository);
    }

    @Test
    void allowsOrdinaryPrompts() {
        PromptAudit audit = audit(true, List.of());
        assertThat(audit.check("a red heart, emoji style", "blurry, lowres")).isEqualTo(AuditResult.ALLOWED);
        assertThat(audit.check("", null)).isEqualTo(AuditResult.ALLOWED);
        assertThat(audit.check(null, null)).isEqualTo(AuditResult.ALLOWED);
    }

    @Test
    void rejectsNamingTheTextTheListAndTheTerm() {
        PromptAudit audit = audit(true, List.of());
        AuditResult result = audit.check("masterpiece, ch1ld p0rn", "");
        assertThat(result).isEqualTo(new Rejected(Field.PROMPT, "csam-en", "child porn"));
        assertThat(((Rejected) result).reason())
                .isEqualTo("prompt contains a blocked term (list 'csam-en': \"child porn\")");

        AuditResult negative = audit.check("a garden", "儿 童 色 情");
        assertThat(negative).isEqualTo(new Rejected(Field.NEGATIVE_PROMPT, "csam-zh", "儿童色情"));
        assertThat(((Rejected) negative).reason())
                .isEqualTo("negative prompt contains a blocked term (list 'csam-zh': \"儿童色情\")");

        assertThat(audit.check("jailbait", "child porn"))
                .as("the prompt is reported before the negative prompt")
                .isEqualTo(new Rejected(Field.PROMPT, "csam-en", "jailbait"));
    }

    @Test
    void usesConfiguredListsBesideTheShippedOnes() throws IOException {
        Path file = Files.writeString(dir.resolve("violence-zh.txt"), "# 暴力内容\n斩首视频\n血腥屠杀\n");
        PromptAudit audit = audit(true, List.of(file));
        assertThat(audit.check("一段斩 首 视 频的截图", null)).isEqualTo(new Rejected(Field.PROMPT, "violence-zh", "斩首视频"));
        assertThat(audit.check("child porn", null)).isInstanceOf(Rejected.class);
        assertThat(audit.check("一段风景视频", null)).isEqualTo(AuditResult.ALLOWED);
    }

    @Test
    void aMissingConfiguredListStopsStartup() {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> audit(true, List.of(missing))).hasMessageContaining(missing.toString());
    }

    @Test
    void allowsEverythingWhenDisabled() {
        PromptAudit audit = audit(false, List.of(dir.resolve("not-read-when-disabled.txt")));
        assertThat(audit.check("child porn", "儿童色情")).isEqualTo(AuditResult.ALLOWED);
    }

    @Test
    void recordsRejectionsForModerators() {
        PromptAudit audit = audit(true, List.of());
        Instant before = Instant.now().minusSeconds(1);
        Rejected first = (Rejected) audit.check("jailbait", null);
        PromptRejection recorded = audit.recordRejection(7, "jailbait", null, first.reason());
        Rejected second = (Rejected) audit.check("a cat", "兒童色情");
        audit.recordRejection(8, "a cat", "兒童色情", second.reason());

        assertThat(recorded.userId()).isEqualTo(7);
        assertThat(recorded.createdAt()).isAfter(before);
        List<PromptRejection> recent = audit.recent(10);
        assertThat(recent)
                .extracting(PromptRejection::userId, PromptRejection::prompt, PromptRejection::negativePrompt)
                .containsExactly(tuple(8L, "a cat", "兒童色情"), tuple(7L, "jailbait", null));
        assertThat(recent.get(0).reason())
                .isEqualTo("negative prompt contains a blocked term (list 'csam-zh': \"兒童色情\")");
        assertThat(audit.recent(1)).hasSize(1);
        assertThatThrownBy(() -> audit.recent(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cutsAnOverlongReasonToTheColumnWithoutSplittingACharacter() {
        PromptAudit audit = audit(true, List.of());
        String reason = "x".repeat(999) + "😀" + "tail";
        PromptRejection recorded = audit.recordRejection(1, "p", null, reason);
        assertThat(recorded.reason()).isEqualTo("x".repeat(999));
        assertThat(audit.recent(1).getFirst().reason()).isEqualTo("x".repeat(999));
    }
}
