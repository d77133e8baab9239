package dev.easel.server.models;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.cache.ReadCache;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Download counts: one per caller (a user, or the client's address for anonymous callers) and version within
 * {@code easel.models.download-count-window}, remembered per node in a bounded cache, so repeated or one-byte requests
 * cannot inflate a count. A count changes only the rows and the model's own page: the list pages and the search index
 * pick the new count up as they refresh anyway (the read cache's refresh, the index's resync), rather than being
 * flushed on every download.
 */
@Component
class DownloadCounts {
    private final VersionRepository versions;
    private final ModelRepository models;
    private final UserService users;
    private final ReadCache cache;
    private final TransactionTemplate transactions;
    private final Cache<String, Boolean> counted;

    DownloadCounts(
            VersionRepository versions,
            ModelRepository models,
            UserService users,
            ReadCache cache,
            TransactionTemplate transactions,
            ModelProperties properties) {
        this.versions = versions;
        this.models = models;
        this.users = users;
        this.cache = cache;
        this.transactions = transactions;
        this.counted = Caffeine.newBuilder()
                .expireAfterWrite(properties.downloadCountWindow())
                .maximumSize(properties.downloadCountKeys())
                .build();
    }

    /** Counts a download of the version (and its model) unless this caller's was counted within the window. */
    void count(String modelId, String versionId, UserAccount caller, String clientAddress) {
        String who = caller == null || users.isAnonymous(caller) ? "address:" + clientAddress : "user:" + caller.id();
        if (counted.asMap().putIfAbsent(versionId + " " + who, Boolean.TRUE) != null) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            versions.addDownload(versionId);
            models.addDownload(modelId);
        });
        cache.evict(ModelChanges.PAGES, modelId);
    }
}
