package dev.easel.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application: generation server and community site. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EaselServer {
    public static void main(String[] args) {
        SpringApplication.run(EaselServer.class, args);
    }
}
