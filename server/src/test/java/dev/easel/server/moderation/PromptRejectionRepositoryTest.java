package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The same rejection log on the embedded default (H2) and on PostgreSQL. */
class PromptRejectionRepositoryTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void keepsRejectionsNewestFirst(Kind kind) {
        PromptRejectionRepository repository =
                new PromptRejectionRepository(JdbcClient.create(TestDatabases.create(kind)));
        Instant t0 = Instant.parse("2026-03-01T10:15:30.123456Z");
        String longPrompt = "长".repeat(4000);
        PromptRejection a = repository.insert(1, "first", null, "reason a", t0);
        PromptRejection b = repository.insert(2, longPrompt, "neg 😀", "reason b", t0.plus(1, ChronoUnit.MINUTES));
        PromptRejection c = repository.insert(1, "third", "", "reason c", t0.plus(1, ChronoUnit.MINUTES));

        assertThat(List.of(a.id(), b.id(), c.id())).doesNotHaveDuplicates();
        assertThat(repository.recent(10))
                .as("newest first; same instant: later insert first")
                .containsExactly(c, b, a);
        assertThat(repository.recent(2)).containsExactly(c, b);
        PromptRejection stored = repository.recent(10).get(1);
        assertThat(stored.prompt()).isEqualTo(longPrompt);
        assertThat(stored.negativePrompt()).isEqualTo("neg 😀");
        assertThat(repository.recent(10).get(2).negativePrompt()).isNull();
        assertThat(repository.recent(10).get(2).createdAt()).isEqualTo(t0);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void isEmptyAtFirst(Kind kind) {
        PromptRejectionRepository repository =
                new PromptRejectionRepository(JdbcClient.create(TestDatabases.create(kind)));
        assertThat(repository.recent(5)).isEmpty();
    }
}
