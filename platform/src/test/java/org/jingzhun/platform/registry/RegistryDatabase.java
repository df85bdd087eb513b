package org.jingzhun.platform.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A real PostgreSQL with the platform's and the replica's migrations applied, as a service has them. */
final class RegistryDatabase implements AutoCloseable {

    private final EmbeddedPostgresServer postgres;
    private final HikariDataSource dataSource;

    private RegistryDatabase(EmbeddedPostgresServer postgres, HikariDataSource dataSource) {
        this.postgres = postgres;
        this.dataSource = dataSource;
    }

    static RegistryDatabase start(Path directory) {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory, 0);
        postgres.createDatabaseIfMissing("registry");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl("registry"));
        config.setUsername(postgres.username());
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/jingzhun-platform", RegistryConfiguration.MIGRATIONS)
                .load().migrate();
        return new RegistryDatabase(postgres, dataSource);
    }

    DataSource dataSource() {
        return dataSource;
    }

    JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Transactions on the same DataSource as {@link #jdbc()}, as the projector runs them. */
    TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    void clear() {
        jdbc().sql("TRUNCATE registry_organization, registry_campaign, registry_plan, registry_member,"
                + " registry_membership").update();
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
