package org.jingzhun.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real PostgreSQL with the platform's migrations applied (event store, tokens, the relay's and the
 * inbox's tables), and any more a test names (the registry replica's), as a service has them.
 */
public final class PlatformDatabase implements AutoCloseable {

    private final EmbeddedPostgresServer postgres;
    private final HikariDataSource dataSource;

    private PlatformDatabase(EmbeddedPostgresServer postgres, HikariDataSource dataSource) {
        this.postgres = postgres;
        this.dataSource = dataSource;
    }

    /** A server in {@code directory} with the database {@code name}, migrated by the platform and {@code more}. */
    public static PlatformDatabase start(Path directory, String name, String... more) {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory, 0);
        postgres.createDatabaseIfMissing(name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl(name));
        config.setUsername(postgres.username());
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        List<String> locations = new ArrayList<>(List.of("classpath:db/jingzhun-platform"));
        locations.addAll(List.of(more));
        Flyway.configure().dataSource(dataSource).locations(locations.toArray(String[]::new)).load().migrate();
        return new PlatformDatabase(postgres, dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Transactions on the same DataSource as {@link #jdbc()}, as the projector runs them. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
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
