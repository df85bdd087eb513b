/*
 * How long the suite's events take from the writing service to Kafka and on to a consumer, read from outside
 * while something else loads the suite (e.g. CommandToTotals with its background load).
 *
 *   java -cp 'LIBS/*' benchmarks/RelayLag.java [--bootstrap-servers=localhost:19092] [--seconds=40]
 *
 * LIBS holds kafka-clients and slf4j-api (benchmarks/run.sh takes them out of the suite jar into its run
 * directory's lib/). A consumer of its own group reads the checklist and rectification event topics from their
 * ends for --seconds, and prints p50/p90/p99/max of two intervals per record:
 *   - event time -> relay send: the record's CreateTime (set by the relay's producer) less its ce_time header
 *     (the event's time, taken in the writing service's command, before that command committed);
 *   - CreateTime -> a consumer has it: this consumer's clock at receipt less CreateTime (the broker's append,
 *     acknowledgement and the fetch).
 * The same host's clock on both sides.
 */

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

public class RelayLag {

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", options.getOrDefault("bootstrap-servers", "localhost:19092"));
        config.put("group.id", "relay-lag-" + System.nanoTime());
        config.put("auto.offset.reset", "latest");
        config.put("enable.auto.commit", "false");
        long seconds = Long.parseLong(options.getOrDefault("seconds", "40"));
        List<Long> relay = new ArrayList<>();
        List<Long> delivery = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("jingzhun.checklist.events", "jingzhun.rectification.events"));
            long end = System.currentTimeMillis() + seconds * 1000;
            while (System.currentTimeMillis() < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.currentTimeMillis();
                    Header time = record.headers().lastHeader("ce_time");
                    if (time == null) {
                        continue;
                    }
                    long eventTime = OffsetDateTime.parse(new String(time.value())).toInstant().toEpochMilli();
                    relay.add(record.timestamp() - eventTime);
                    delivery.add(now - record.timestamp());
                }
            }
        }
        report("event time -> relay send (CreateTime)", relay);
        report("CreateTime -> a consumer has it", delivery);
    }

    private static void report(String what, List<Long> millis) {
        if (millis.isEmpty()) {
            System.out.printf("%-40s no records (is something loading the suite?)%n", what);
            return;
        }
        Collections.sort(millis);
        int n = millis.size();
        System.out.printf("%-40s n=%d  p50=%d ms  p90=%d ms  p99=%d ms  max=%d ms%n", what, n, millis.get(n / 2),
                millis.get(n * 9 / 10), millis.get(Math.min(n - 1, n * 99 / 100)), millis.get(n - 1));
    }
}
