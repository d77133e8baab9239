package dev.easel.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, migrated databases for tests: an in-memory H2 (the embedded default) and a real PostgreSQL server
 * (binaries from Maven Central, started once per test JVM and stopped when it exits), one new database per call.
 */
public final class TestDatabases {
    public enum Kind {
        H2,
        POSTGRES
    }

    private static EmbeddedPostgres postgres;

    private TestDatabases() {}

    public static DataSource create(Kind kind) {
        DataSource dataSource = kind == Kind.H2 ? h2() : postgres();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
    }

    /** JDBC URL of a fresh, unmigrated database, for tests that boot the whole application. */
    public static String freshPostgresUrl() {
        String name = freshPostgresDatabase();
        return server().getJdbcUrl("postgres", name);
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private static DataSource postgres() {
        return server().getDatabase("postgres", freshPostgresDatabase());
    }

    private static String freshPostgresDatabase() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database", e);
        }
        return name;
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is exiting; the server's temp folder is removed with it anyway.
                }
            }));
        }
        return postgres;
    }
}
