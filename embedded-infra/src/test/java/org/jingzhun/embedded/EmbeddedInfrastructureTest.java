package org.jingzhun.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
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
}
