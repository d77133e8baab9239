package dev.easel.server.accounts;

import jakarta.servlet.DispatcherType;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The API (native, A1111, OpenAI) is stateless and authenticated by API keys, so it needs no CSRF
 * protection: a browser never attaches a key on its own. Everything else is the site, which keeps Spring's CSRF
 * defaults for the session-based sign-in the web UI will add.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String[] API_PATHS = {"/api/**", "/sdapi/**", "/v1/**"};

    /** bcrypt today; the {@code {id}} prefix on each hash lets a stronger encoder take over without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http, ApiKeyService keys, UserService users, AuthProperties auth, JsonMapper json)
            throws Exception {
        ApiAuthenticationEntryPoint refusal = new ApiAuthenticationEntryPoint(json);
        http.securityMatcher(API_PATHS)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // The key filter decides who anonymous callers are: the anonymous account, not a placeholder string.
                .anonymous(AbstractHttpConfigurer::disable)
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(keys, users, auth.allowAnonymous(), refusal),
                        AuthorizationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(refusal))
                .authorizeHttpRequests(rules -> {
                    // Async dispatches (SSE streams) and error pages were authorized with the original request.
                    rules.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                            .permitAll()
                            .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**")
                            .permitAll()
                            // Registering is how a caller gets an account, so it is open even without anonymous use.
                            .requestMatchers(HttpMethod.POST, "/api/v1/users")
                            .permitAll()
                            // Keys belong to a real account; the shared anonymous one may not hold any.
                            .requestMatchers("/api/v1/keys/**")
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
    SecurityFilterChain siteSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(rules -> rules.requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                .permitAll()
                // Pages, assets and the rest of the actuator: open until the web UI adds sign-in and tightens this.
                .anyRequest()
                .permitAll());
        return http.build();
    }
}
