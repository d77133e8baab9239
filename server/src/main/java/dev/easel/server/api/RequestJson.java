package dev.easel.server.api;

import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's JsonMapper (Spring MVC's bodies, and everything else that reads request JSON) parses with the
 * {@link ApiLimits.Json} limits and accepts only {@link RequestText} strings. Boot's own builder cannot take a
 * JsonFactory, which holds the limits, so this one replaces it and applies Boot's customizers the same way.
 */
@Configuration(proxyBeanMethods = false)
class RequestJson {
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers, ApiLimits limits) {
        JsonMapper.Builder builder = JsonMapper.builder(factory(limits.json()));
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder.addModule(RequestText.module());
    }

    private static JsonFactory factory(ApiLimits.Json limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxDocumentLength())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxTokenCount(limits.maxTokenCount())
                        .build())
                .build();
    }
}
