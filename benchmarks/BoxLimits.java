/*
 * The machine's own limits, measured against the suite's own PostgreSQL and Kafka in the same run as the
 * suite's figures, so that their ratios stay meaningful on a noisy machine.
 *
 *   java -cp 'LIBS/*' benchmarks/BoxLimits.java --jdbc=jdbc:postgresql://localhost:15432/postgres
 *        --user=postgres [--password=] --kafka=localhost:19092 [--seconds=10] [--connections=8]
 *
 * LIBS holds the PostgreSQL JDBC driver, kafka-clients and slf4j-api (benchmarks/run.sh takes them out of
 * the suite jar). Prints:
 *   - durable PostgreSQL commits/s: --connections threads, each committing a one-row INSERT per transaction
 *     (synchronous_commit as the server has it, on for the suite) into a scratch table it drops afterwards;
 *   - Kafka produce records/s: one producer with the relay's guarantees (acks=all, idempotence, linger 5 ms),
 *     300-byte records, up to 10,000 in flight, to a scratch topic of 6 partitions that it deletes afterwards.
 */

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class BoxLimits {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "8"));
        if (options.containsKey("jdbc")) {
            postgres(options.get("jdbc"), options.getOrDefault("user", "postgres"), options.getOrDefault("password", ""),
                    connections, seconds);
        }
        if (options.containsKey("kafka")) {
            kafka(options.get("kafka"), seconds);
        }
    }

    static void postgres(String url, String user, String password, int connections, int seconds) throws Exception {
        String table = "bench_commits_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)");
            try (var rs = s.executeQuery("SHOW synchronous_commit")) {
                rs.next();
                System.out.println("postgres synchronous_commit=" + rs.getString(1));
            }
        }
        AtomicLong commits = new AtomicLong();
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                     PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (payload) VALUES (?)")) {
                    c.setAutoCommit(false);
                    while (System.nanoTime() < end) {
                        insert.setString(1, "an event of about a hundred bytes, as the event store would hold it ......");
                        insert.executeUpdate();
                        c.commit();
                        if (System.nanoTime() >= warmEnd) {
                            commits.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
        System.out.printf("LIMIT postgres durable commits/s (%d connections): %.0f%n", connections,
                commits.get() / (double) seconds);
    }

    static void kafka(String bootstrap, int seconds) throws Exception {
        String topic = "bench-produce-" + ProcessHandle.current().pid();
        Properties common = new Properties();
        common.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Properties config = new Properties();
            config.putAll(common);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            byte[] value = new byte[300];
            AtomicLong acked = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
                // Wait for the partitions' leaders (KAFKA-15591, ARCHITECTURE.md): the first sends only.
                producer.send(new ProducerRecord<>(topic, "warm", value)).get(30, TimeUnit.SECONDS);
                Semaphore inFlight = new Semaphore(10_000);
                long warmEnd = System.nanoTime() + 2_000_000_000L;
                long end = warmEnd + seconds * 1_000_000_000L;
                long key = 0;
                while (System.nanoTime() < end) {
                    inFlight.acquire();
                    boolean count = System.nanoTime() >= warmEnd;
                    producer.send(new ProducerRecord<>(topic, Long.toString(key++ % 1000), value), (metadata, e) -> {
                        inFlight.release();
                        if (e != null) {
                            failed.incrementAndGet();
                        } else if (count) {
                            acked.incrementAndGet();
                        }
                    });
                }
                producer.flush();
            }
            admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
            System.out.printf("LIMIT kafka produce records/s (acks=all, idempotent, 300 B): %.0f%s%n",
                    acked.get() / (double) seconds, failed.get() == 0 ? "" : " (" + failed.get() + " failed)");
        }
    }
}
