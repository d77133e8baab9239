package dev.easel.server.web;

import dev.easel.server.accounts.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sends visitors of pages that need an account to {@code /login}, remembering the page so that signing in returns
 * there (the form login's success handler reads the same request cache, a cookie: a session would cost the server
 * memory for every signed-out visit).
 */
final class SignInRequired implements HandlerInterceptor {
    private final RequestCache requests;

    SignInRequired(RequestCache requests) {
        this.requests = requests;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (signedIn()) {
            return true;
        }
        requests.saveRequest(request, response);
        response.sendRedirect(request.getContextPath() + "/login");
        return false;
    }

    static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof UserAccount;
    }
}
