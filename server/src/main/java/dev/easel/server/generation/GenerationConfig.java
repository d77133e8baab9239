package dev.easel.server.generation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class GenerationConfig {

    @Bean
    JobQueue jobQueue(JobRepository jobs) {
        return new DatabaseJobQueue(jobs);
    }

    @Bean
    NodeIdentity nodeIdentity(@Value("${easel.node-id:}") String configured) {
        return NodeIdentity.of(configured);
    }
}
