package org.jingzhun.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jingzhun.platform.PlatformDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Answers written behind their requests: every one reaches its key's record as the request gave it, a
 * key's answer is there to be read before it is written, close writes what still waits, and a write that
 * fails loses only the answers (their keys stay claimed, as after a crash).
 */
class IdempotencyAnswersTest {

    @TempDir
    static Path dataDirectory;
    private static PlatformDatabase database;
    private JdbcClient jdbc;

    @BeforeAll
    static void startDatabase() {
        database = PlatformDatabase.start(dataDirectory.resolve("postgres"), "answers");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyRecords() {
        jdbc = database.jdbc();
        jdbc.sql("DELETE FROM idempotency_record").update();
    }

    @Test
    void writesEveryAnswerOfManyRequestsToItsClaimedKeyAsGiven() throws Exception {
        int requests = 400;
        for (int i = 0; i < requests; i++) {
            claim("k-" + i);
        }
        IdempotencyAnswers answers = new IdempotencyAnswers(jdbc);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                IdempotencyAnswers.Answer answer = answer("k-" + i, i % 2 == 0 ? 201 : 409);
                sent.add(clients.submit(() -> answers.keep(answer)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM idempotency_record WHERE status IS NOT NULL").query(Long.class).single()
                    == requests);
            for (int i = 0; i < requests; i += 37) {
                assertKept("k-" + i, answer("k-" + i, i % 2 == 0 ? 201 : 409));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> answers.unwritten("alice", "k-0").isEmpty());
        } finally {
            clients.shutdownNow();
            answers.close();
        }
    }

    @Test
    void keepsTheFirstAnswerAndLeavesKeysWithoutAClaimAlone() {
        claim("answered");
        jdbc.sql("UPDATE idempotency_record SET status = 200, body = ? WHERE idempotency_key = 'answered'")
                .param("first".getBytes(StandardCharsets.UTF_8)).update();
        IdempotencyAnswers answers = new IdempotencyAnswers(jdbc);
        answers.keep(answer("answered", 500));
        answers.keep(answer("never-claimed", 201));
        answers.close();

        assertThat(jdbc.sql("SELECT status FROM idempotency_record WHERE idempotency_key = 'answered'")
                .query(Integer.class).single()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_record").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void closeWritesWhatStillWaitsAndLaterAnswersAreWrittenAtOnce() {
        for (int i = 0; i < 50; i++) {
            claim("c-" + i);
        }
        claim("after-close");
        IdempotencyAnswers answers = new IdempotencyAnswers(jdbc);
        for (int i = 0; i < 50; i++) {
            answers.keep(answer("c-" + i, 201));
        }
        answers.close();
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_record WHERE status = 201").query(Long.class).single())
                .isEqualTo(50);

        answers.keep(answer("after-close", 202));
        assertKept("after-close", answer("after-close", 202));
        assertThat(answers.unwritten("alice", "after-close")).isEmpty();
    }

    @Test
    void anAnswerIsReadableFromTheMomentItIsKeptUntilItIsWritten() {
        claim("soon");
        IdempotencyAnswers answers = new IdempotencyAnswers(jdbc);
        try {
            IdempotencyAnswers.Answer answer = answer("soon", 201);
            answers.keep(answer);
            // Either still waiting (then this instance answers from it) or already written.
            boolean waiting = answers.unwritten("alice", "soon").map(a -> a == answer).orElse(false);
            boolean written = jdbc.sql("SELECT status IS NOT NULL FROM idempotency_record WHERE idempotency_key = 'soon'")
                    .query(Boolean.class).single();
            assertThat(waiting || written).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.unwritten("alice", "soon").isEmpty());
            assertKept("soon", answer);
        } finally {
            answers.close();
        }
    }

    @Test
    void aFailedWriteLosesOnlyTheAnswersAndTheirKeysStayClaimed() {
        claim("lost");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/answers");
        config.setUsername("postgres");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(250);
        try (HikariDataSource unreachable = new HikariDataSource(config)) {
            IdempotencyAnswers answers = new IdempotencyAnswers(JdbcClient.create(unreachable));
            answers.keep(answer("lost", 201));
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.unwritten("alice", "lost").isEmpty());
            answers.close();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_record WHERE idempotency_key = 'lost' AND status IS NULL")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT command_results::text FROM idempotency_record WHERE idempotency_key = 'lost'")
                .query(String.class).single()).isEqualTo("[\"result\"]");
    }

    private void claim(String key) {
        jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idempotency_key, request_hash, method, path, command_results)
                        VALUES ('alice', ?, 'hash', 'POST', '/api/things', '["result"]')""")
                .param(key).update();
    }

    private static IdempotencyAnswers.Answer answer(String key, int status) {
        return new IdempotencyAnswers.Answer("alice", key, "hash", status, "application/json",
                status == 201 ? "/api/things/" + key : null,
                ("{\"key\":\"" + key + "\",\"状态\":" + status + "}").getBytes(StandardCharsets.UTF_8));
    }

    private void assertKept(String key, IdempotencyAnswers.Answer expected) {
        record Row(Integer status, String contentType, String location, byte[] body) {
        }
        Row row = jdbc.sql("SELECT status, content_type, location, body FROM idempotency_record WHERE idempotency_key = ?")
                .param(key).query(Row.class).single();
        assertThat(row.status()).isEqualTo(expected.status());
        assertThat(row.contentType()).isEqualTo(expected.contentType());
        assertThat(row.location()).isEqualTo(expected.location());
        assertThat(row.body()).isEqualTo(expected.body());
    }
}
