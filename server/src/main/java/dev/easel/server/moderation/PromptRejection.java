package dev.easel.server.moderation;

import java.time.Instant;

/**
 * A prompt the audit turned away, kept for moderators.
 *
 * @param negativePrompt null when the request had none
 * @param reason why it was rejected, as the user was told
 */
public record PromptRejection(
        long id, long userId, String prompt, String negativePrompt, String reason, Instant createdAt) {}
