package dev.easel.server.moderation;

import dev.easel.server.accounts.UserAccount;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/reports}: any signed-in user reports something they can see. */
@RestController
@RequestMapping("/api/v1/reports")
class ReportController {
    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @PostMapping
    ResponseEntity<ModerationViews.ReportView> report(
            @RequestBody NewReport request, @AuthenticationPrincipal UserAccount user) {
        Report report = reports.report(request, user);
        return ResponseEntity.created(URI.create("/api/v1/reports/" + report.id()))
                .body(ModerationViews.ReportView.of(report));
    }
}
