package dev.easel.server.web;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.FieldException;
import dev.easel.server.content.ContentKind;
import dev.easel.server.search.SearchQuery;
import dev.easel.server.search.SearchService;
import dev.easel.server.search.SearchSort;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Search results by type (tabs with each kind's count), and the suggestions the header's search box shows as one
 * types (an htmx fragment of links). Enter submits the box's form, a plain GET of this page.
 */
@Controller
class SearchPage {
    private static final Map<String, ContentKind> KINDS =
            Map.of("models", ContentKind.MODEL, "posts", ContentKind.POST, "users", ContentKind.USER);

    private final SearchService search;
    private final UserService users;

    SearchPage(SearchService search, UserService users) {
        this.search = search;
        this.users = users;
    }

    @GetMapping("/search")
    String search(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "relevance") String sort,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal UserAccount viewer,
            Model model) {
        ContentKind only = kind == null || kind.isBlank() ? null : KINDS.get(kind);
        if (kind != null && !kind.isBlank() && only == null) {
            throw new FieldException("kind", "kind must be models, posts or users");
        }
        SearchSort order = SearchSort.parse(sort).orElseThrow(() -> new FieldException("sort", "unknown sort " + sort));
        String text = q.length() > SearchQuery.MAX_TEXT ? q.substring(0, SearchQuery.MAX_TEXT) : q;
        model.addAttribute(
                "results",
                search.search(
                        new SearchQuery(text, only, null, null, null, null, order, 20, cursor),
                        Viewers.of(viewer, users)));
        model.addAttribute("searchQuery", text);
        model.addAttribute("kind", only == null ? "" : kind);
        model.addAttribute("sort", order.parameter());
        return "search";
    }

    @GetMapping("/search/suggest")
    String suggest(
            @RequestParam(defaultValue = "") String q, @AuthenticationPrincipal UserAccount viewer, Model model) {
        String prefix = q.strip();
        if (prefix.isEmpty() || prefix.length() > SearchService.MAX_PREFIX) {
            return "fragments/search :: none";
        }
        model.addAttribute("suggestions", search.suggest(prefix, null, 8, Viewers.of(viewer, users)));
        return "fragments/search :: suggestions";
    }
}
