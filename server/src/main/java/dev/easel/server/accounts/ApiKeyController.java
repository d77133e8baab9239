package dev.easel.server.accounts;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's API keys: create (the secret is in this response only), list, revoke. */
@RestController
@RequestMapping("/api/v1/keys")
class ApiKeyController {
    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    ResponseEntity<CreatedKeyView> create(@AuthenticationPrincipal UserAccount user, @RequestBody CreateKey request) {
        CreatedApiKey created = keys.create(user, request.name());
        ApiKey key = created.key();
        return ResponseEntity.created(URI.create("/api/v1/keys/" + key.id()))
                .body(new CreatedKeyView(key.id(), key.name(), key.prefix(), created.secret(), key.createdAt()));
    }

    @GetMapping
    List<KeyView> list(@AuthenticationPrincipal UserAccount user) {
        return keys.list(user).stream().map(KeyView::of).toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal UserAccount user, @PathVariable("id") long id) {
        keys.revoke(user, id);
        return ResponseEntity.noContent().build();
    }

    record CreateKey(String name) {}

    record CreatedKeyView(long id, String name, String prefix, String secret, Instant createdAt) {}

    record KeyView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.prefix(), key.createdAt(), key.lastUsedAt(), key.revokedAt());
        }
    }
}
