package dev.easel.server.api;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every endpoint answers in its one format whatever the {@code Accept} header says, as the APIs Easel speaks do
 * (A1111's and OpenAI's ignore it): an unparseable header counts as {@code *}{@code /*}, and any other gets
 * {@code *}{@code /*} as its least preferred choice. Without this, a client's odd header turned an answer — even an
 * error answer — into a 406 or, inside an exception handler, a 500.
 */
@Configuration(proxyBeanMethods = false)
class LenientAccept implements WebMvcConfigurer {
    private static final MediaType LAST_RESORT = new MediaType("*", "*", java.util.Map.of("q", "0.001"));

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(new Strategy()));
    }

    private static final class Strategy implements ContentNegotiationStrategy {
        private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

        @Override
        public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
            List<MediaType> accepted;
            try {
                accepted = header.resolveMediaTypes(request);
            } catch (HttpMediaTypeNotAcceptableException | InvalidMediaTypeException unparseable) {
                return MEDIA_TYPE_ALL_LIST;
            }
            if (accepted.stream().anyMatch(MediaType::isWildcardType)) {
                return accepted;
            }
            List<MediaType> withFallback = new ArrayList<>(accepted);
            withFallback.add(LAST_RESORT);
            return withFallback;
        }
    }
}
