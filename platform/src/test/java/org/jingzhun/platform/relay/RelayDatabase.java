package org.jingzhun.platform.relay;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.flywaydb.core.Flyway;
import org.jingzhun.embedded.EmbeddedPostgresServer;

/** A real PostgreSQL with the platform's migrations applied (event store, tokens, the relay's tables). */
final class RelayDatabase implements AutoCloseable {

    private final EmbeddedPostgresServer postgres;
    private final HikariDataSource dataSource;

    private RelayDatabase(EmbeddedPostgresServer postgres, HikariDataSource dataSource) {
        this.postgres = postgres;
        this.dataSource = dataSource;
    }

    static RelayDatabase start(String name) {
        EmbeddedPostgresServer postgres;
        try {
            postgres = EmbeddedPostgresServer.start(Files.createTempDirectory("jingzhun-" + name), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres.createDatabaseIfMissing(name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl(name));
        config.setUsername(postgres.username());
        config.setMaximumPoolSize(2);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/jingzhun-platform").load().migrate();
        return new RelayDatabase(postgres, dataSource);
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        try {
            dataSource.close();
        } finally {
            postgres.close();
        }
    }
}
