package dev.easel.server.accounts;

import dev.easel.server.accounts.ProfileRepository.ProfileRow;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.search.SearchDocument;
import dev.easel.server.search.SearchSource;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Users for search: username and display name as title, bio as text. Suspended and built-in accounts are not listed. */
@Component
class UserSearchSource implements SearchSource {
    private static final List<String> BUILT_IN = List.of(UserService.ANONYMOUS, UserService.ADMIN);

    private final ProfileRepository profiles;

    UserSearchSource(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.USER;
    }

    @Override
    public List<SearchDocument> all() {
        return profiles.listed(BUILT_IN).stream()
                .map(UserSearchSource::document)
                .toList();
    }

    @Override
    public Optional<SearchDocument> document(String id) {
        return ProfileService.parseId(id)
                .flatMap(profiles::findById)
                .filter(row -> !row.suspended() && !BUILT_IN.contains(row.username()))
                .map(UserSearchSource::document);
    }

    private static SearchDocument document(ProfileRow row) {
        return new SearchDocument(
                ContentKind.USER,
                Long.toString(row.id()),
                row.username() + " " + row.displayName(),
                row.bio() == null ? "" : row.bio(),
                List.of(),
                null,
                null,
                NsfwLevel.PG,
                0,
                0,
                row.createdAt().toInstant());
    }
}
