package dev.easel.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The pages that need an account; the rest of the site is readable by visitors. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {
    static final String[] SIGNED_IN_PAGES = {
        "/generate", "/settings", "/feed", "/notifications", "/models/new", "/moderation", "/moderation/**"
    };

    private final RequestCache requests;

    WebConfig(RequestCache requests) {
        this.requests = requests;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SignInRequired(requests)).addPathPatterns(SIGNED_IN_PAGES);
    }
}
