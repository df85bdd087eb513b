package org.jingzhun.platform.web;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The answers of keyed requests whose commands committed ({@link IdempotencyFilter}), written behind the
 * requests: a thread of its own writes every answer waiting in one statement, in an asynchronously
 * committed transaction, instead of each request writing its own in a transaction of its own.
 *
 * <p>Nothing a retry relies on changes. The command's own transaction kept the key's claim and the command
 * results durably; the answer was already committed without waiting for its WAL flush, so losing it (the
 * process or the database dying first) was always possible and is answered the same way: a retry finds the
 * key claimed without an answer and, after the filter's wait, runs again with the kept results, answering as
 * the first attempt did. Until its answer is written, a retry that reaches this instance gets it from
 * {@link #unwritten}; one that reaches another instance sharing the database waits for it as it would for a
 * request still running (the filter looks again every 10–200 ms).
 *
 * <p>When more answers wait than {@value #MAX_WAITING} (the database slower than the requests), or once
 * closed, an answer is written by the request itself, as before.
 */
final class IdempotencyAnswers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyAnswers.class);
    private static final int MAX_WAITING = 10_000;
    /** Answers per statement at most. */
    private static final int MAX_WRITTEN_AT_ONCE = 500;
    private static final long LINGER_MILLIS = 2;
    private static final Answer STOP = new Answer("", "", "", 0, null, null, null);

    /**
     * A condition that is always true and makes the statement's own transaction (autocommit) commit
     * asynchronously: {@code set_config(…, true)} sets {@code synchronous_commit} for the current transaction
     * only, and PostgreSQL reads it when that transaction commits. The answer then costs no WAL flush of its
     * own (it reaches the disk with the next flush, within {@code wal_writer_delay}); the request already
     * waited for one, its command's.
     */
    static final String ASYNCHRONOUS_COMMIT = " set_config('synchronous_commit', 'off', true) = 'off'";

    private final JdbcClient jdbc;
    private final BlockingQueue<Answer> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Map<Key, Answer> unwritten = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile boolean closed;

    IdempotencyAnswers(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.writer = new Thread(this::writeWhileOpen, "idempotency-answers");
        writer.setDaemon(true);
        writer.start();
    }

    /** What a request answered to its key, for a key claimed by the request's committed command. */
    record Answer(String principal, String key, String requestHash, int status, String contentType, String location,
                  byte[] body) {
    }

    private record Key(String principal, String key) {
    }

    /** Keeps {@code answer} for its key: written behind the request, or at once when many wait or after close. */
    void keep(Answer answer) {
        Key key = new Key(answer.principal(), answer.key());
        unwritten.put(key, answer);
        if (closed || !waiting.offer(answer)) {
            write(List.of(answer));
        }
    }

    /** The answer kept for this key and not written yet, if any. */
    Optional<Answer> unwritten(String principal, String key) {
        return Optional.ofNullable(unwritten.get(new Key(principal, key)));
    }

    private void writeWhileOpen() {
        List<Answer> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(waiting.take());
                // A moment for the answers of the requests running beside it (eight clients: a few within a
                // millisecond or two): more answers per statement; a retry on this instance reads them meanwhile.
                Answer next = waiting.poll(LINGER_MILLIS, TimeUnit.MILLISECONDS);
                if (next != null) {
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                stop = true;
            }
            stop |= writeWithWaiting(batch);
        }
    }

    /**
     * Adds what waits to {@code batch} (up to {@value #MAX_WRITTEN_AT_ONCE} answers in all), writes them and empties
     * it; true when the stop marker was among them.
     */
    private boolean writeWithWaiting(List<Answer> batch) {
        waiting.drainTo(batch, MAX_WRITTEN_AT_ONCE - batch.size());
        boolean stop = batch.removeIf(answer -> answer == STOP);
        if (!batch.isEmpty()) {
            write(batch);
        }
        batch.clear();
        return stop;
    }

    private void write(List<Answer> answers) {
        int n = answers.size();
        String[] principals = new String[n];
        String[] keys = new String[n];
        String[] statuses = new String[n];
        String[] contentTypes = new String[n];
        String[] locations = new String[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            Answer answer = answers.get(i);
            principals[i] = answer.principal();
            keys[i] = answer.key();
            statuses[i] = Integer.toString(answer.status());
            contentTypes[i] = answer.contentType();
            locations[i] = answer.location();
            bodies[i] = answer.body() == null ? null : Base64.getEncoder().encodeToString(answer.body());
        }
        try {
            // A key appears once per batch at most: only the request holding its claim answers it.
            jdbc.sql("""
                            UPDATE idempotency_record AS r
                            SET status = CAST(a.status AS INT), content_type = a.content_type, location = a.location,
                                body = decode(a.body, 'base64')
                            FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]),
                                        CAST(? AS TEXT[]), CAST(? AS TEXT[]))
                                 AS a (principal, idempotency_key, status, content_type, location, body)
                            WHERE r.principal = a.principal AND r.idempotency_key = a.idempotency_key
                            AND r.status IS NULL AND""" + ASYNCHRONOUS_COMMIT)
                    .params(principals, keys, statuses, contentTypes, locations, bodies)
                    .update();
        } catch (RuntimeException e) {
            // As if the process had died before keeping them: a retry runs again with the kept results.
            log.warn("Could not keep {} idempotency answer(s); a retry rebuilds them from the kept command results", n, e);
        } finally {
            for (Answer answer : answers) {
                unwritten.remove(new Key(answer.principal(), answer.key()), answer);
            }
        }
    }

    /**
     * Writes what waits, then stops; answers kept from now on are written by their requests. (Runs when the
     * application context closes, after the web server's graceful shutdown let the last requests finish and
     * before the connection pool closes.)
     */
    @Override
    public void close() {
        closed = true;
        if (!waiting.offer(STOP)) {
            writer.interrupt();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("The idempotency answers' writer did not finish within 10 s");
        } else {
            // Answers queued between the writer's last look and the close flag, on this thread.
            List<Answer> batch = new ArrayList<>();
            while (!waiting.isEmpty()) {
                writeWithWaiting(batch);
            }
        }
    }
}
