package dev.easel.server.moderation;

import dev.easel.server.moderation.AuditResult.Field;
import dev.easel.server.moderation.TermMatcher.BlockedTerm;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The prompt audit at the generation path's door: checks prompts against the block lists (the shipped ones under
 * {@code moderation/blocklists/} on the classpath, plus those in {@code easel.moderation.blocklists}) and keeps the
 * rejected prompts for moderators.
 */
@Service
public class PromptAudit {
    private static final Logger log = LoggerFactory.getLogger(PromptAudit.class);
    /** Width of the {@code reason} column. */
    private static final int MAX_REASON_LENGTH = 1000;

    private final boolean enabled;
    private final TermMatcher matcher;
    private final PromptRejectionRepository rejections;

    /**
     * Loads the block lists.
     *
     * @throws IllegalStateException naming the file if a configured list is missing or unusable, so that a typo in
     *     the configuration stops the server instead of silently auditing less
     */
    PromptAudit(ModerationProperties properties, PromptRejectionRepository rejections) {
        this.enabled = properties.enabled();
        this.rejections = rejections;
        List<BlockList> lists = enabled ? BlockLists.load(properties.blocklists()) : List.of();
        this.matcher = new TermMatcher(lists);
        if (enabled) {
            log.info(
                    "Prompt audit: {} blocked terms from {} lists ({})",
                    matcher.size(),
                    lists.size(),
                    String.join(", ", lists.stream().map(BlockList::name).toList()));
        } else {
            log.warn("Prompt audit is disabled (easel.moderation.enabled=false)");
        }
    }

    /** Checks a prompt and its negative prompt (either may be null); the prompt is reported first. */
    public AuditResult check(String prompt, String negativePrompt) {
        if (!enabled) {
            return AuditResult.ALLOWED;
        }
        Optional<BlockedTerm> found = find(prompt);
        if (found.isPresent()) {
            return new AuditResult.Rejected(
                    Field.PROMPT, found.get().list(), found.get().term());
        }
        found = find(negativePrompt);
        if (found.isPresent()) {
            return new AuditResult.Rejected(
                    Field.NEGATIVE_PROMPT, found.get().list(), found.get().term());
        }
        return AuditResult.ALLOWED;
    }

    /** Keeps a rejected request for the moderation queue. */
    public PromptRejection recordRejection(long userId, String prompt, String negative, String reason) {
        // Reasons come from check() and fit; a longer one is cut rather than turning a 400 into a failed insert.
        String fitted = reason;
        if (reason.length() > MAX_REASON_LENGTH) {
            int end = Character.isHighSurrogate(reason.charAt(MAX_REASON_LENGTH - 1))
                    ? MAX_REASON_LENGTH - 1
                    : MAX_REASON_LENGTH;
            fitted = reason.substring(0, end);
        }
        return rejections.insert(userId, prompt == null ? "" : prompt, negative, fitted, Instant.now());
    }

    /** The newest rejections first, at most {@code limit} of them. */
    public List<PromptRejection> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return rejections.recent(limit);
    }

    private Optional<BlockedTerm> find(String text) {
        return text == null || text.isEmpty() ? Optional.empty() : matcher.find(text);
    }
}
