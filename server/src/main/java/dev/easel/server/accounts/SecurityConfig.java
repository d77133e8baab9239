package dev.easel.server.accounts;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three filter chains over one user model. The API (native, A1111, OpenAI) takes an API key, statelessly, or else the
 * session a browser signed in with ({@code POST /api/v1/session} or the pages' form login); only session requests
 * need a CSRF token, since a browser never attaches a key on its own. The actuator authenticates the same way but
 * without the anonymous account: health is open, the rest (metrics) is for admins. Everything else is the site: form
 * login at {@code POST /login}, logout at {@code POST /logout}, CSRF on every unsafe request. No chain creates a
 * session for a signed-out visitor.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String[] API_PATHS = {"/api/**", "/sdapi/**", "/v1/**"};
    static final String[] ACTUATOR_PATHS = {"/actuator", "/actuator/**"};
    static final String SESSION_COOKIE = "JSESSIONID";
    private static final int MAX_SAVED_PAGE_CHARS = 1024;
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** bcrypt today; the {@code {id}} prefix on each hash lets a stronger encoder take over without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Double-submit tokens: the {@code XSRF-TOKEN} cookie, readable by scripts, echoed in {@code X-XSRF-TOKEN}. */
    @Bean
    CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookiePath("/");
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return tokens;
    }

    /**
     * Where a page that needs an account remembers itself for after sign-in: a cookie, since a session would cost
     * memory for every signed-out visit.
     */
    @Bean
    RequestCache savedPages() {
        CookieRequestCache cookies = new CookieRequestCache();
        // A page address past this length is not remembered (sign-in then lands on the home page): in a cookie it
        // would push the answer's headers past the container's limit and turn a redirect into a 500.
        cookies.setRequestMatcher(request -> request.getRequestURI().length()
                        + (request.getQueryString() == null
                                ? 0
                                : request.getQueryString().length())
                <= MAX_SAVED_PAGE_CHARS);
        return cookies;
    }

    /**
     * The actuator, ahead of the site: an admin's key or session for metrics (Prometheus scrapes with an admin key as
     * its bearer token), nothing for health, which load balancers and orchestrators probe.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorSecurity(
            HttpSecurity http,
            ApiKeyService keys,
            UserService users,
            CookieCsrfTokenRepository csrfTokens,
            JsonMapper json)
            throws Exception {
        keyOrSession(http.securityMatcher(ACTUATOR_PATHS), keys, users, false, csrfTokens, json)
                .authorizeHttpRequests(rules -> rules.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasRole(Role.ADMIN.name()));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiKeyService keys,
            UserService users,
            AuthProperties auth,
            CookieCsrfTokenRepository csrfTokens,
            JsonMapper json)
            throws Exception {
        keyOrSession(http.securityMatcher(API_PATHS), keys, users, auth.allowAnonymous(), csrfTokens, json)
                .authorizeHttpRequests(rules -> {
                    // Async dispatches (SSE streams) and error pages were authorized with the original request.
                    rules.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                            .permitAll()
                            .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**")
                            .permitAll()
                            // Registering and signing in are how a caller gets an account, so they are open even
                            // without anonymous use; avatars are public images that pages embed.
                            .requestMatchers(HttpMethod.POST, "/api/v1/users")
                            .permitAll()
                            .requestMatchers("/api/v1/session", "/api/v1/session/csrf")
                            .permitAll()
                            .requestMatchers(HttpMethod.GET, "/api/v1/avatars/*")
                            .permitAll()
                            // Image files decide themselves who sees them: public posts' images go to signed-out
                            // visitors too, and signed links need no key.
                            .requestMatchers(HttpMethod.GET, "/api/v1/images/*.png", "/api/v1/images/*/file")
                            .permitAll()
                            // Keys, profile edits and settings belong to a real account, never the shared anonymous
                            // one.
                            .requestMatchers("/api/v1/keys", "/api/v1/keys/**", "/api/v1/me/*")
                            .authenticated()
                            .requestMatchers(HttpMethod.PATCH, "/api/v1/me")
                            .authenticated();
                    if (auth.allowAnonymous()) {
                        rules.anyRequest().permitAll();
                    } else {
                        rules.anyRequest().authenticated();
                    }
                });
        return http.build();
    }

    /**
     * Authentication by API key, else the signed-in session (read, never created: only {@code POST /api/v1/session}
     * starts one, explicitly), else the anonymous account when {@code allowAnonymous}; refusals as JSON.
     */
    private static HttpSecurity keyOrSession(
            HttpSecurity http,
            ApiKeyService keys,
            UserService users,
            boolean allowAnonymous,
            CookieCsrfTokenRepository csrfTokens,
            JsonMapper json)
            throws Exception {
        ApiAuthenticationEntryPoint refusal = new ApiAuthenticationEntryPoint(json);
        return http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenHandler())
                        .requireCsrfProtectionMatcher(SecurityConfig::isSessionWrite))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(
                        context -> context.securityContextRepository(new HttpSessionSecurityContextRepository()))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // The key filter decides who anonymous callers are: the anonymous account, not a placeholder string.
                .anonymous(AbstractHttpConfigurer::disable)
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(keys, users, allowAnonymous, refusal), AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(refusal)
                        .accessDeniedHandler(new ApiAccessDeniedHandler(refusal)));
    }

    @Bean
    @Order(2)
    SecurityFilterChain siteSecurity(
            HttpSecurity http,
            UserService users,
            SignInService signIns,
            CookieCsrfTokenRepository csrfTokens,
            RequestCache savedPages)
            throws Exception {
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new CsrfTokenHandler()))
                .requestCache(cache -> cache.requestCache(savedPages))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .addFilterBefore(new SessionUserFilter(users), AnonymousAuthenticationFilter.class)
                .authenticationProvider(new PasswordSignInProvider(signIns))
                // An unauthenticated request to a page that needs an account is redirected to /login (the web UI's).
                .formLogin(form -> form.loginPage("/login")
                        .loginProcessingUrl("/login")
                        .defaultSuccessUrl("/")
                        .failureHandler(new FormLoginFailureHandler())
                        .permitAll())
                .logout(logout ->
                        logout.logoutUrl("/logout").logoutSuccessUrl("/").deleteCookies(SESSION_COOKIE))
                // Scripts only from this origin, no inline or eval'd script: an injected tag cannot run. Inline
                // styles stay (templates and htmx's indicator styles use them); images may be data:/blob: previews.
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                // Pages and assets are open; the pages that need an account say so (web's SignInRequired).
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
        return http.build();
    }

    /**
     * Unsafe API requests that a browser could send on its own: those relying on a session cookie. Requests with an
     * API key, or with no session cookie at all, cannot ride on a victim's sign-in.
     */
    static boolean isSessionWrite(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod())
                && !ApiKeyAuthenticationFilter.sendsKey(request)
                && request.getRequestedSessionId() != null
                && request.isRequestedSessionIdFromCookie();
    }
}
