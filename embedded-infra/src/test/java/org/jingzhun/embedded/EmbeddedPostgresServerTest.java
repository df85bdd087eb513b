package org.jingzhun.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDirectory;

    @Test
    void isDurableAndKeepsDataAcrossRestarts() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThat(postgres.port()).isPositive();
            assertThat(query(postgres, "postgres", "SHOW fsync")).isEqualTo("on");
            assertThat(query(postgres, "postgres", "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(query(postgres, "postgres", "SHOW full_page_writes")).isEqualTo("on");

            postgres.createDatabaseIfMissing("ledger");
            postgres.createDatabaseIfMissing("ledger");
            execute(postgres, "ledger", "CREATE TABLE entry (id INT PRIMARY KEY, text TEXT NOT NULL)");
            execute(postgres, "ledger", "INSERT INTO entry VALUES (1, 'kept')");
        }

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            postgres.createDatabaseIfMissing("ledger");
            assertThat(query(postgres, "ledger", "SELECT text FROM entry WHERE id = 1")).isEqualTo("kept");
        }
    }

    @Test
    void jdbcUrlConnectsAsThePasswordlessSuperuser() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0);
                Connection connection = new org.postgresql.Driver().connect(postgres.jdbcUrl("postgres"),
                        credentials(postgres.username()))) {
            assertThat(connection.isValid(1)).isTrue();
            assertThat(postgres.jdbcUrl("x")).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/x");
        }
    }

    @Test
    void unixSocketJdbcUrlConnectsThroughTheServersUnixSocket() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            Path socket = postgres.unixSocket().orElseThrow();
            assertThat(socket.getFileName().toString()).isEqualTo(".s.PGSQL." + postgres.port());
            assertThat(socket).exists();
            try (Connection connection = new org.postgresql.Driver().connect(
                    postgres.unixSocketJdbcUrl("postgres").orElseThrow(), credentials(postgres.username()));
                    Statement statement = connection.createStatement();
                    ResultSet client = statement.executeQuery(
                            "SELECT inet_client_addr() IS NULL, current_setting('unix_socket_directories')")) {
                client.next();
                // No client address: the connection came through the Unix socket, not 127.0.0.1.
                assertThat(client.getBoolean(1)).isTrue();
                assertThat(socket.getParent().toString()).isIn(List.of(client.getString(2).split("\\s*,\\s*")));
            }
            try (Connection connection = new org.postgresql.Driver().connect(postgres.jdbcUrl("postgres"),
                    credentials(postgres.username()));
                    Statement statement = connection.createStatement();
                    ResultSet client = statement.executeQuery("SELECT host(inet_client_addr())")) {
                client.next();
                assertThat(client.getString(1)).isEqualTo("127.0.0.1");
            }
        }
    }

    @Test
    void stopsAPostmasterLeftRunningByAKilledOwner() throws Exception {
        Path postgresBinary;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            postgresBinary = Path.of(postmaster().info().command().orElseThrow());
        }
        // What a killed JVM leaves behind: a postmaster on the directory that nobody in this JVM owns.
        Path pgCtl = postgresBinary.resolveSibling("pg_ctl");
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // pg_ctl refuses to run as root
        }
        command.addAll(List.of(pgCtl.toString(), "start", "-w", "-D", dataDirectory.toString(),
                "-o", "-p " + FreePorts.orFree(0) + " -c listen_addresses=127.0.0.1"));
        Process orphanStart = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(orphanStart.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(orphanStart.exitValue()).isZero();
        ProcessHandle orphan = postmaster();

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
            assertThat(query(postgres, "postgres", "SELECT 'up'")).isEqualTo("up");
        }
    }

    @Test
    void ignoresAStalePostmasterPidOfAnotherProcess() throws Exception {
        EmbeddedPostgresServer.start(dataDirectory, 0).close();
        // A pid reused by a live process that is not PostgreSQL: PostgreSQL alone would refuse to start.
        Files.writeString(dataDirectory.resolve("postmaster.pid"), ProcessHandle.current().parent().orElseThrow().pid() + "\n");

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThat(query(postgres, "postgres", "SELECT 'up'")).isEqualTo("up");
        }
    }

    private ProcessHandle postmaster() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }

    /**
     * A table filled after the start has statistics within seconds, not at autovacuum's next visit a minute later:
     * until then the planner takes it for nearly empty. (With PostgreSQL's default of one visit a minute this wait
     * fails unless the visit happens to fall inside it.)
     */
    @Test
    void analysesATableFilledAfterTheStartWithinSeconds() throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory, 0)) {
            assertThat(query(postgres, "postgres", "SHOW autovacuum_naptime")).isEqualTo("10s");
            postgres.createDatabaseIfMissing("growing");
            execute(postgres, "growing", "CREATE TABLE history (id INT PRIMARY KEY, text TEXT NOT NULL)");
            execute(postgres, "growing", "INSERT INTO history SELECT i, 'row ' || i FROM generate_series(1, 5000) i");

            await().atMost(Duration.ofSeconds(50)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(query(postgres, "growing",
                            "SELECT reltuples::bigint FROM pg_class WHERE relname = 'history'")).isEqualTo("5000"));
        }
    }

    private static Properties credentials(String user) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        return properties;
    }

    private static String query(EmbeddedPostgresServer postgres, String database, String sql) throws SQLException {
        try (Connection connection = postgres.dataSource(database).getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static void execute(EmbeddedPostgresServer postgres, String database, String sql) throws SQLException {
        try (Connection connection = postgres.dataSource(database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
