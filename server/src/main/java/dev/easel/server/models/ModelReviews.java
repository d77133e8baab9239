package dev.easel.server.models;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.ForbiddenException;
import dev.easel.server.api.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reviews of published versions: one per user and version (writing again replaces it), a rating of 1-5 and up to 5000
 * characters of text. The model keeps the count and mean rating of all its versions' reviews.
 */
@Service
public class ModelReviews {
    static final int MAX_PAGE = 100;

    private final ReviewRepository reviews;
    private final ModelRepository models;
    private final ModelAccess access;
    private final ModelChanges changes;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    ModelReviews(
            ReviewRepository reviews,
            ModelRepository models,
            ModelAccess access,
            ModelChanges changes,
            TransactionTemplate transactions) {
        this.reviews = reviews;
        this.models = models;
        this.access = access;
        this.changes = changes;
        this.transactions = transactions;
    }

    /** The review as stored, and whether it is new (else it replaced the user's earlier one). */
    public record Written(ReviewView review, boolean created) {}

    public Written review(UserAccount user, String modelId, String versionId, Integer rating, String text) {
        access.signedIn(user, "review a model");
        ModelAccess.ModelVersion target = access.visible(modelId, versionId, user);
        int stars = ModelFields.rating(rating);
        String body = ModelFields.reviewText(text);
        if (target.model().ownerId() == user.id()) {
            throw new ForbiddenException("you cannot review your own model");
        }
        if (!target.version().published()) {
            throw new ForbiddenException("only published versions can be reviewed");
        }
        Instant now = clock.instant();
        ReviewView review = new ReviewView(0, modelId, versionId, user.id(), user.username(), stars, body, now, now);
        boolean created = Boolean.TRUE.equals(transactions.execute(status -> {
            boolean inserted = reviews.upsert(review);
            models.refreshStats(modelId);
            return inserted;
        }));
        changes.changed(modelId);
        return new Written(reviews.find(versionId, user.id()).orElseThrow(), created);
    }

    /** A page of the version's reviews, newest first; {@code cursor} is the last review id of the previous page. */
    public Page<ReviewView> list(String modelId, String versionId, String cursor, int limit, UserAccount viewer) {
        access.visible(modelId, versionId, viewer);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new FieldException("limit", "limit must be 1-" + MAX_PAGE);
        }
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new FieldException("cursor", "cursor is not one this server handed out");
            }
        }
        List<ReviewView> page = reviews.page(versionId, before, limit + 1);
        if (page.size() <= limit) {
            return new Page<>(page, null);
        }
        List<ReviewView> items = page.subList(0, limit);
        return new Page<>(items, Long.toString(items.get(limit - 1).id()));
    }
}
