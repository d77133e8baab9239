package dev.easel.server.accounts;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/** On the pages: a session whose account was suspended meanwhile is signed out before the request is handled. */
final class SessionUserFilter extends OncePerRequestFilter {
    private final UserService users;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionUserFilter(UserService users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication before = contexts.getContext().getAuthentication();
        Optional<Authentication> now = SessionUsers.refresh(contexts.getContext(), users, request);
        if (now.isEmpty() && SessionUsers.wasSignedIn(before)) {
            contexts.clearContext();
        } else if (now.isPresent() && now.get() != before) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(now.get());
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
