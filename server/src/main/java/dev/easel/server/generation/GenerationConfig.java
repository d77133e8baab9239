package dev.easel.server.generation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class GenerationConfig {

    @Bean
    JobQueue jobQueue(GenerationProperties properties) {
        return new InMemoryJobQueue(properties.queueCapacity());
    }
}
