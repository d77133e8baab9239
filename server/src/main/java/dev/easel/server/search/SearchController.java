package dev.easel.server.search;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.FieldException;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/search} and {@code /api/v1/search/suggest}; parameters are read as text so a bad one is named. */
@RestController
@RequestMapping("/api/v1/search")
class SearchController {
    private static final int DEFAULT_LIMIT = 20;
    private static final int DEFAULT_SUGGESTIONS = 8;
    private static final int MAX_FILTER = 100;

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping
    SearchResults search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String baseModel,
            @RequestParam(required = false) String nsfw,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal UserAccount viewer) {
        SearchQuery query = new SearchQuery(
                q,
                kind(kind),
                filter("type", type),
                filter("baseModel", baseModel),
                blank(nsfw)
                        ? null
                        : NsfwLevel.parse(nsfw)
                                .orElseThrow(() -> new FieldException("nsfw", "nsfw must be one of PG, PG13, R, X")),
                filter("tag", tag),
                blank(sort)
                        ? SearchSort.RELEVANCE
                        : SearchSort.parse(sort)
                                .orElseThrow(() -> new FieldException(
                                        "sort", "sort must be relevance, newest, most_liked or most_downloaded")),
                limit("limit", limit, DEFAULT_LIMIT),
                blank(cursor) ? null : cursor);
        return search.search(query, viewer);
    }

    @GetMapping("/suggest")
    Suggestions suggest(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String limit,
            @AuthenticationPrincipal UserAccount viewer) {
        return search.suggest(q, kind(kind), limit("limit", limit, DEFAULT_SUGGESTIONS), viewer);
    }

    private static ContentKind kind(String kind) {
        if (blank(kind)) {
            return null;
        }
        return ContentKind.parse(kind)
                .orElseThrow(() -> new FieldException("kind", "kind must be models, posts or users"));
    }

    private static String filter(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > MAX_FILTER) {
            throw new FieldException(name, name + " must be at most " + MAX_FILTER + " characters");
        }
        return value;
    }

    private static int limit(String name, String value, int fallback) {
        if (blank(value)) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new FieldException(name, name + " must be a whole number");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
