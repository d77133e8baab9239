package dev.easel.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@code redis-server} for a test class: {@code @RegisterExtension static final RedisServerExtension REDIS =
 * new RedisServerExtension();}. Started before the class's own {@code @BeforeAll} methods and stopped after it; the
 * class is skipped where no binary is installed ({@link RedisServer#MISSING}).
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeTrue(RedisServer.installed(), RedisServer.MISSING);
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public RedisServer server() {
        return server;
    }
}
