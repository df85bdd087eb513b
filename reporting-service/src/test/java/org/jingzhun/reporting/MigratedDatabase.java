package org.jingzhun.reporting;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jingzhun.embedded.EmbeddedPostgresServer;

/** A database of its own on a test's embedded PostgreSQL, with the reporting service's migrations applied. */
public final class MigratedDatabase {

    private MigratedDatabase() {
    }

    /** The database {@code name} (created if missing), migrated to the latest version. */
    public static DataSource of(EmbeddedPostgresServer postgres, String name) {
        return migrated(postgres, name, Flyway.configure());
    }

    /** The database {@code name} (created if missing), migrated up to the version {@code target}. */
    public static DataSource upTo(EmbeddedPostgresServer postgres, String name, String target) {
        return migrated(postgres, name, Flyway.configure().target(target));
    }

    private static DataSource migrated(EmbeddedPostgresServer postgres, String name,
                                       FluentConfiguration flyway) {
        postgres.createDatabaseIfMissing(name);
        DataSource dataSource = postgres.dataSource(name);
        flyway.dataSource(dataSource)
                .locations("classpath:db/jingzhun-platform", "classpath:db/reporting-service")
                .load().migrate();
        return dataSource;
    }
}
