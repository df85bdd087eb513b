package org.jingzhun.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @TempDir
    Path dataDirectory;

    @Test
    void startsBothUnderOneDirectoryAndClosesThem() throws Exception {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(dataDirectory);
        try (infrastructure) {
            assertThat(infrastructure.postgres().dataDirectory()).isEqualTo(dataDirectory.resolve("postgres").toAbsolutePath());
            assertThat(infrastructure.kafka().dataDirectory()).isEqualTo(dataDirectory.resolve("kafka").toAbsolutePath());
            try (Connection connection = infrastructure.postgres().dataSource("postgres").getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
        }
        assertThat(dataDirectory.resolve("postgres/postmaster.pid")).doesNotExist();
        infrastructure.close(); // idempotent
    }

    @Test
    void aBrokerThatCannotStartStopsThePostgreSqlStartedBesideIt() {
        Path postgres = dataDirectory.resolve("postgres");
        assertThatThrownBy(() -> EmbeddedInfrastructure.startSideBySide(postgres, 0, () -> {
            throw new IllegalStateException("the broker cannot start");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the broker cannot start");
        assertThat(postgres.resolve("PG_VERSION")).as("PostgreSQL did start").exists();
        assertThat(postgres.resolve("postmaster.pid")).as("and was stopped again").doesNotExist();
    }

    @Test
    void aPostgreSqlThatCannotStartStopsTheBrokerStartedBesideIt() throws Exception {
        Path notADirectory = Files.createFile(dataDirectory.resolve("postgres"));
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable broker = () -> closed.set(true);
        assertThatThrownBy(() -> EmbeddedInfrastructure.startSideBySide(notADirectory, 0, () -> broker))
                .isInstanceOf(RuntimeException.class);
        assertThat(closed).as("the broker was stopped again").isTrue();
    }
}
