package dev.easel.server.models;

import dev.easel.server.api.Page;
import java.util.List;

/** A page of the model list as the read cache stores it (a concrete record, so it round-trips through JSON). */
record ModelListPage(List<ModelSummary> items, String nextCursor) {
    ModelListPage {
        items = List.copyOf(items);
    }

    Page<ModelSummary> page() {
        return new Page<>(items, nextCursor);
    }
}
