package dev.easel.server.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The moderator's list of safety-flagged images, the same on H2 and PostgreSQL. */
class FlaggedImagesRepositoryTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void listsOnlyFlaggedImagesNewestJobFirstInKeysetPages(Kind kind) {
        DataSource dataSource = TestDatabases.create(kind);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("insert into users (username, display_name, role, created_at) values ('ann', 'Ann', 'USER', ?)")
                .param(Timestamp.from(Instant.now()))
                .update();
        JobRepository jobs =
                new JobRepository(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        GeneratedImages generated = new GeneratedImages(jdbc);
        Instant t0 = Instant.parse("2026-05-01T12:00:00.123456Z");
        List<String> expected = new ArrayList<>();
        // Two jobs finish in the same microsecond: the job id breaks the tie.
        Instant[] finished = {t0, t0.plusSeconds(5), t0.plusSeconds(5), t0.plusSeconds(9)};
        for (int j = 0; j < finished.length; j++) {
            String id = UUID.randomUUID().toString();
            JobRequest request = new JobRequest("tiny", "prompt " + j, null, 32, 32, 2, 7, "Euler a", j, 3, null, 0, 0);
            List<JobImage> images = List.of(
                    new JobImage(0, j, "0".repeat(63) + j, j != 3, "p"),
                    new JobImage(1, j, "1".repeat(63) + j, false, "p"),
                    new JobImage(2, j, "2".repeat(63) + j, j == 1 || j == 2, "p"));
            jobs.insert(new Job(
                    id, 1, JobState.DONE, request, null, j, finished[j], finished[j], finished[j], null, "3", images));
        }
        List<FlaggedImage> all = generated.flaggedImages(null, 100);
        assertThat(all).hasSize(5);
        assertThat(all).allSatisfy(image -> assertThat(image.ownerId()).isEqualTo(1));
        assertThat(all.get(0).finishedAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(all.get(4).finishedAt()).isEqualTo(t0);
        assertThat(all.get(4).prompt()).isEqualTo("prompt 0");
        assertThat(all.get(4).sha256()).isEqualTo("0".repeat(63) + "0");
        assertThat(all.subList(0, 4)).extracting(FlaggedImage::index).containsExactly(0, 2, 0, 2);
        assertThat(all.get(0).jobId()).isLessThan(all.get(2).jobId());
        expected.addAll(all.stream().map(i -> i.jobId() + "/" + i.index()).toList());

        List<String> paged = new ArrayList<>();
        FlaggedImage after = null;
        for (int page = 0; page < 10; page++) {
            List<FlaggedImage> images = generated.flaggedImages(after, 2);
            images.forEach(i -> paged.add(i.jobId() + "/" + i.index()));
            if (images.size() < 2) {
                break;
            }
            after = images.get(1);
        }
        assertThat(paged).containsExactlyElementsOf(expected);
    }
}
