package dev.easel.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.server.content.ContentKind;
import dev.easel.server.moderation.ReportRepository.QueueRow;
import dev.easel.server.testing.TestDatabases;
import dev.easel.server.testing.TestDatabases.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reports, the queue, the audit log and rejected-prompt pages: the same SQL on H2 and PostgreSQL. */
class ModerationRepositoriesTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00.654321Z");

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneOpenReportPerReporterAndTargetUntilResolved(Kind kind) {
        ReportRepository reports = new ReportRepository(JdbcClient.create(TestDatabases.create(kind)));
        Report first = reports.insert(7, ContentKind.POST, "p1", ReportReason.SPAM, "ads", T0);
        assertThat(reports.find(first.id())).contains(first);

        assertThatThrownBy(() -> reports.insert(7, ContentKind.POST, "p1", ReportReason.OTHER, "again", T0))
                .isInstanceOf(DuplicateKeyException.class);
        Report otherKind = reports.insert(7, ContentKind.IMAGE, "p1", ReportReason.SPAM, null, T0);
        Report otherUser = reports.insert(8, ContentKind.POST, "p1", ReportReason.MINOR, null, T0.plusSeconds(1));
        assertThat(otherKind.details()).isNull();

        assertThat(reports.resolve(first.id(), ReportStatus.DISMISSED, 99, "fine", T0.plusSeconds(2)))
                .isTrue();
        assertThat(reports.resolve(first.id(), ReportStatus.ACTIONED, 99, "again", T0.plusSeconds(3)))
                .isFalse();
        Report resolved = reports.find(first.id()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(ReportStatus.DISMISSED);
        assertThat(resolved.resolvedBy()).isEqualTo(99L);
        assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(resolved.note()).isEqualTo("fine");
        Report second = reports.insert(7, ContentKind.POST, "p1", ReportReason.SPAM, null, T0.plusSeconds(4));

        assertThat(reports.forTarget(ContentKind.POST, "p1", true, 10))
                .extracting(Report::id)
                .containsExactly(second.id(), otherUser.id());
        assertThat(reports.forTarget(ContentKind.POST, "p1", false, 10)).hasSize(3);
        assertThat(reports.resolveOpen(ContentKind.POST, "p1", ReportStatus.ACTIONED, 99, "hidden", T0))
                .isEqualTo(2);
        assertThat(reports.forTarget(ContentKind.POST, "p1", true, 10)).isEmpty();
        assertThat(reports.forTarget(ContentKind.IMAGE, "p1", true, 10)).containsExactly(otherKind);
        assertThat(reports.find(otherUser.id()).orElseThrow().resolvedBy()).isEqualTo(99L);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void queueGroupsOpenReportsInBothOrdersWithKeysetPages(Kind kind) {
        ReportRepository reports = new ReportRepository(JdbcClient.create(TestDatabases.create(kind)));
        // a: 3 reports, last at +2; b: 1 report at +5; c: 2 reports, last at +5 (ties b on time); d: resolved only.
        reports.insert(1, ContentKind.POST, "a", ReportReason.SPAM, null, T0);
        reports.insert(2, ContentKind.POST, "a", ReportReason.SPAM, null, T0.plusSeconds(1));
        reports.insert(3, ContentKind.POST, "a", ReportReason.HARASSMENT, null, T0.plusSeconds(2));
        reports.insert(1, ContentKind.MODEL, "b", ReportReason.OWNERSHIP, null, T0.plusSeconds(5));
        reports.insert(1, ContentKind.COMMENT, "c", ReportReason.SPAM, null, T0.plusSeconds(3));
        reports.insert(2, ContentKind.COMMENT, "c", ReportReason.SPAM, null, T0.plusSeconds(5));
        Report d = reports.insert(1, ContentKind.USER, "4", ReportReason.SPAM, null, T0.plusSeconds(9));
        reports.resolve(d.id(), ReportStatus.DISMISSED, 9, null, T0.plusSeconds(10));

        List<QueueRow> newest = reports.queue(QueueSort.NEWEST, null, 10);
        assertThat(newest).extracting(QueueRow::key).containsExactly("COMMENT:c", "MODEL:b", "POST:a");
        QueueRow a = newest.get(2);
        assertThat(a.reports()).isEqualTo(3);
        assertThat(a.firstReportedAt()).isEqualTo(T0);
        assertThat(a.lastReportedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(reports.queue(QueueSort.MOST_REPORTED, null, 10))
                .extracting(QueueRow::key)
                .containsExactly("POST:a", "COMMENT:c", "MODEL:b");

        for (QueueSort sort : QueueSort.values()) {
            List<String> paged = new ArrayList<>();
            QueueRow after = null;
            for (int page = 0; page < 5; page++) {
                List<QueueRow> rows = reports.queue(sort, after, 1);
                rows.forEach(row -> paged.add(row.key()));
                if (rows.isEmpty()) {
                    break;
                }
                after = rows.get(0);
            }
            assertThat(paged)
                    .as(sort.name())
                    .containsExactlyElementsOf(reports.queue(sort, null, 10).stream()
                            .map(QueueRow::key)
                            .toList());
        }

        Map<String, Map<ReportReason, Long>> reasons = reports.openReasons(newest);
        assertThat(reasons.get("POST:a"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(ReportReason.SPAM, 2L, ReportReason.HARASSMENT, 1L));
        assertThat(reasons.get("COMMENT:c")).containsExactlyEntriesOf(Map.of(ReportReason.SPAM, 2L));
        assertThat(reports.openReasons(List.of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void auditLogAndRejectedPromptsPageNewestFirst(Kind kind) {
        DataSource dataSource = TestDatabases.create(kind);
        ModerationLogRepository log = new ModerationLogRepository(JdbcClient.create(dataSource));
        AuditEntry hide =
                log.insert(new AuditEntry(0, 5, ModerationAction.HIDE, ContentKind.POST, "p1", null, "nsfw 😀 标签", T0));
        AuditEntry resolve = log.insert(new AuditEntry(
                0, 5, ModerationAction.DISMISS_REPORT, ContentKind.USER, "3", 42L, "", T0.plusSeconds(1)));
        AuditEntry unhide = log.insert(
                new AuditEntry(0, 6, ModerationAction.UNHIDE, ContentKind.POST, "p1", null, "ok", T0.plusSeconds(2)));

        assertThat(log.page(null, null, null, 10)).containsExactly(unhide, resolve, hide);
        assertThat(log.page(unhide.id(), null, null, 1)).containsExactly(resolve);
        assertThat(log.page(null, ContentKind.POST, "p1", 10)).containsExactly(unhide, hide);
        assertThat(log.page(unhide.id(), ContentKind.POST, "p1", 10)).containsExactly(hide);
        assertThat(log.page(null, ContentKind.IMAGE, "p1", 10)).isEmpty();
        assertThat(resolve.reportId()).isEqualTo(42L);
        assertThat(hide.reportId()).isNull();

        PromptRejectionRepository rejections = new PromptRejectionRepository(JdbcClient.create(dataSource));
        PromptRejection r1 = rejections.insert(1, "one", null, "r", T0);
        PromptRejection r2 = rejections.insert(2, "two", "neg", "r", T0);
        PromptRejection r3 = rejections.insert(1, "three", null, "r", T0.plusSeconds(1));
        assertThat(rejections.page(null, 2)).containsExactly(r3, r2);
        assertThat(rejections.page(r2.id(), 2)).containsExactly(r1);
    }
}
