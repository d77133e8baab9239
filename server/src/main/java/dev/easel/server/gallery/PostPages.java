package dev.easel.server.gallery;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.accounts.ViewerPreferences;
import dev.easel.server.api.FieldException;
import dev.easel.server.api.Page;
import dev.easel.server.cache.ReadCache;
import dev.easel.server.gallery.PostRepository.PostRow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * List pages of posts (keyset paginated, through the read cache) and the loading of posts with their authors and
 * images: three statements for a whole page, whatever its size.
 */
@Component
class PostPages {
    static final String PAGES = "gallery-pages";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final PostRepository posts;
    private final UserService users;
    private final ReadCache cache;

    PostPages(PostRepository posts, UserService users, ReadCache cache) {
        this.posts = posts;
        this.users = users;
        this.cache = cache;
    }

    /** What a list request asks for; {@code ownerId} and {@code model} are filters, null for none. */
    record ListRequest(PostQuery.Order order, Long ownerId, String model, String cursor, Integer limit) {}

    Page<PostView> list(ListRequest request, UserAccount viewer) {
        ViewerPreferences preferences = users.preferences(viewer);
        boolean own = request.ownerId() != null && viewer != null && viewer.id() == request.ownerId();
        PostQuery query = new PostQuery(
                request.order(),
                request.ownerId(),
                null,
                request.model(),
                own,
                hideAbove(preferences, own),
                PostCursor.decode(request.cursor()),
                limit(request.limit()));
        StoredPostPage page = cache.get(PAGES, query.key(), StoredPostPage.class, () -> load(query));
        return view(page, viewer, preferences);
    }

    /** The feed: public posts of these authors; not cached, as each follower's author list is their own. */
    Page<PostView> byAuthors(List<Long> authorIds, String cursor, int limit, UserAccount viewer) {
        if (authorIds.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        ViewerPreferences preferences = users.preferences(viewer);
        PostQuery query = new PostQuery(
                PostQuery.Order.NEWEST,
                null,
                List.copyOf(authorIds),
                null,
                false,
                hideAbove(preferences, false),
                PostCursor.decode(cursor),
                limit(limit));
        return view(load(query), viewer, preferences);
    }

    /** One post with its author and images; empty when there is none. */
    Optional<StoredPost> load(String id) {
        return posts.find(id).map(row -> withDetails(List.of(row)).getFirst());
    }

    private StoredPostPage load(PostQuery query) {
        List<PostRow> rows = posts.list(query);
        boolean more = rows.size() > query.limit();
        List<PostRow> shown = more ? rows.subList(0, query.limit()) : rows;
        String next = null;
        if (more) {
            PostRow last = shown.getLast();
            next = PostCursor.encode(last.likeCount(), last.createdAt(), last.id());
        }
        return new StoredPostPage(withDetails(shown), next);
    }

    private List<StoredPost> withDetails(List<PostRow> rows) {
        Map<String, List<StoredImage>> images =
                posts.images(rows.stream().map(PostRow::id).toList());
        Map<Long, UserAccount> authors =
                users.findAllById(rows.stream().map(PostRow::ownerId).distinct().toList());
        return rows.stream()
                .map(row -> {
                    UserAccount author = authors.get(row.ownerId());
                    return new StoredPost(
                            row.id(),
                            author == null
                                    ? new Author(row.ownerId(), null, null)
                                    : new Author(author.id(), author.username(), author.displayName()),
                            row.title(),
                            row.caption(),
                            row.visibility(),
                            row.hidden(),
                            row.likeCount(),
                            row.createdAt(),
                            row.updatedAt(),
                            images.getOrDefault(row.id(), List.of()));
                })
                .toList();
    }

    private static Page<PostView> view(StoredPostPage page, UserAccount viewer, ViewerPreferences preferences) {
        return new Page<>(
                page.items().stream()
                        .map(post -> PostViews.view(post, viewer, preferences))
                        .toList(),
                page.nextCursor());
    }

    /** Viewers who hide rather than blur get no post with an image above their level (owners see all their own). */
    private static Integer hideAbove(ViewerPreferences preferences, boolean own) {
        return own || preferences.blurAbove() ? null : StoredImage.rank(preferences.maxNsfw());
    }

    private static int limit(Integer limit) {
        int value = limit == null ? DEFAULT_LIMIT : limit;
        if (value < 1 || value > MAX_LIMIT) {
            throw new FieldException("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + value);
        }
        return value;
    }
}
