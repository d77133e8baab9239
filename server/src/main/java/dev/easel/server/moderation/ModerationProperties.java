package dev.easel.server.moderation;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Moderation settings.
 *
 * @param enabled whether prompts are audited at all
 * @param blocklists block-list files, or folders of {@code *.txt} list files, used in addition to the shipped lists
 */
@ConfigurationProperties("easel.moderation")
public record ModerationProperties(@DefaultValue("true") boolean enabled, List<Path> blocklists) {
    public ModerationProperties {
        blocklists = blocklists == null ? List.of() : List.copyOf(blocklists);
    }
}
