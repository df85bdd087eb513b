package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast the live projector catches up with a backlog (reporting was down, or a burst arrived), on real
 * Kafka and PostgreSQL: the live projector is stopped, a county's mix of events is produced (the generator of
 * {@link ReplayThroughputBenchmark}), and the time from its start until its stored offsets reach the topics'
 * ends is printed, with how many transactions went set-based ({@code jingzhun.projection.batches}). A
 * benchmark, not a test: it runs only when asked for and asserts only that every record was projected.
 *
 * <pre>./mvnw -q -o -pl reporting-service -am verify -Dtest=BacklogDrainBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Djingzhun.drain.bench=100000</pre>
 *
 * Add {@code -Djingzhun.projector.bulk-from=1000000} to the argLine to drain record by record, as before. The
 * {@code -DargLine} replaces the root pom's (C1 only, the serial collector, for the build): the JVM's defaults, as
 * the documented figures were taken.
 */
@EnabledIfSystemProperty(named = "jingzhun.drain.bench", matches = "\\d+")
class BacklogDrainBenchmark {

    @TempDir
    static Path dataDirectory;

    @Test
    void drainsABacklogOfACountysEvents() throws Exception {
        int events = Integer.parseInt(System.getProperty("jingzhun.drain.bench"));
        try (ReportingUnderTest service = ReportingUnderTest.start(dataDirectory)) {
            TransactionalProjector live = service.app().getBean(TransactionalProjector.class);
            MeterRegistry meters = service.app().getBean(MeterRegistry.class);
            live.stop();
            Map<TopicPartition, Long> ends = ReplayThroughputBenchmark.produce(service.bootstrapServers(), events);
            double bulkBefore = batches(meters, "bulk");
            double recordBefore = batches(meters, "record");

            long started = System.nanoTime();
            live.start();
            await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<TopicPartition, Long> stored = live.writer().storedOffsets();
                return ends.entrySet().stream().allMatch(end -> stored.getOrDefault(end.getKey(), 0L) >= end.getValue());
            });
            long millis = (System.nanoTime() - started) / 1_000_000;

            long audited = service.database().sql("SELECT count(*) FROM audit_event").query(Long.class).single();
            System.out.printf("Backlog drain benchmark: %,d events in %,d ms (%,.0f events/s); transactions: %.0f bulk,"
                            + " %.0f record by record; audit trail %,d rows%n", events, millis, events * 1000.0 / millis,
                    batches(meters, "bulk") - bulkBefore, batches(meters, "record") - recordBefore, audited);
            assertThat(audited).isEqualTo(events);
        }
    }

    private static double batches(MeterRegistry meters, String mode) {
        return meters.get("jingzhun.projection.batches").tag("mode", mode).counter().count();
    }
}
