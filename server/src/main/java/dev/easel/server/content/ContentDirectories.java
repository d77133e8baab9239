package dev.easel.server.content;

import dev.easel.server.accounts.UserAccount;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every feature's {@link ContentDirectory}, by kind. */
@Component
public class ContentDirectories {
    private final Map<ContentKind, ContentDirectory> byKind = new EnumMap<>(ContentKind.class);

    public ContentDirectories(List<ContentDirectory> directories) {
        for (ContentDirectory directory : directories) {
            if (byKind.put(directory.kind(), directory) != null) {
                throw new IllegalStateException("two content directories for " + directory.kind());
            }
        }
    }

    public Optional<ContentSummary> find(ContentKind kind, String id, UserAccount viewer) {
        ContentDirectory directory = byKind.get(kind);
        return directory == null ? Optional.empty() : directory.find(id, viewer);
    }

    public Optional<ContentSummary> findAny(ContentKind kind, String id) {
        ContentDirectory directory = byKind.get(kind);
        return directory == null ? Optional.empty() : directory.findAny(id);
    }

    /** @throws IllegalArgumentException when no feature owns {@code kind} */
    public void setHidden(ContentKind kind, String id, boolean hidden) {
        ContentDirectory directory = byKind.get(kind);
        if (directory == null) {
            throw new IllegalArgumentException("no content directory for " + kind);
        }
        directory.setHidden(id, hidden);
    }
}
