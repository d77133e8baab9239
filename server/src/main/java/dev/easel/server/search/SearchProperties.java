package dev.easel.server.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search settings.
 *
 * @param resyncInterval how often the whole index is rebuilt from the database, to pick up changes made on other nodes
 *     (each node hears only its own change events); zero turns it off
 * @param startupWait how long a search made while the first build runs waits for it before answering from what is
 *     indexed so far
 */
@ConfigurationProperties("easel.search")
public record SearchProperties(
        @DefaultValue("10m") Duration resyncInterval,
        @DefaultValue("2s") Duration startupWait) {}
