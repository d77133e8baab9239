package dev.easel.server.models;

import java.time.Instant;

/** A review of a model version: a rating of 1-5 and text (stored as given). */
public record ReviewView(
        long id,
        String modelId,
        String versionId,
        long userId,
        String userName,
        int rating,
        String text,
        Instant createdAt,
        Instant updatedAt) {}
