package dev.easel.server.models;

import java.time.Instant;
import java.util.List;

/**
 * A model's page: its summary and stats, description, and the versions the viewer may see (newest first).
 *
 * @param hidden whether a moderator has hidden it (only its owner and moderators see hidden models)
 */
public record ModelDetail(
        ModelSummary model,
        String description,
        boolean hidden,
        Instant createdAt,
        Instant updatedAt,
        List<VersionView> versions) {
    public ModelDetail {
        versions = List.copyOf(versions);
    }
}
