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
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains over one user model. The API (native, A1111, OpenAI) takes an API key, statelessly, or else the
 * session a browser signed in with ({@code POST /api/v1/session} or the pages' form login); only session requests
 * need a CSRF token, since a browser never attaches a key on its own. Everything else is the site: form login at
 * {@code POST /login}, logout at {@code POST /logout}, CSRF on every unsafe request.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String[] API_PATHS = {"/api/**", "/sdapi/**", "/v1/**"};
    static final String SESSION_COOKIE = "JSESSIONID";
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
        ApiAuthenticationEntryPoint refusal = new ApiAuthenticationEntryPoint(json);
        http.securityMatcher(API_PATHS)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenHandler())
                        .requireCsrfProtectionMatcher(SecurityConfig::isSessionWrite))
                // Sessions are read, never created here: only POST /api/v1/session starts one, explicitly.
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
                        new ApiKeyAuthenticationFilter(keys, users, auth.allowAnonymous(), refusal),
                        AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(refusal)
                        .accessDeniedHandler(new ApiAccessDeniedHandler(refusal)))
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

    @Bean
    @Order(2)
    SecurityFilterChain siteSecurity(
            HttpSecurity http, UserService users, SignInService signIns, CookieCsrfTokenRepository csrfTokens)
            throws Exception {
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new CsrfTokenHandler()))
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
                .authorizeHttpRequests(rules -> rules.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        // Pages, assets and the rest of the actuator: open until the web UI marks what needs an
                        // account.
                        .anyRequest()
                        .permitAll());
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
