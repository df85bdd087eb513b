package org.jingzhun.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimesTest {

    private static final int[] NANO_STEPS = {0, 1_000_000_000, 1_000_000, 1_000, 1, 100_000_000};

    /** Times of every kind the format has: years 1–9999, no/ms/µs/ns fractions, UTC, ± offsets, odd minutes. */
    private static List<OffsetDateTime> times(int count, long seed) {
        Random random = new Random(seed);
        List<OffsetDateTime> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int step = NANO_STEPS[random.nextInt(NANO_STEPS.length)];
            int nano = step == 0 ? 0 : step == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / step) * step;
            int offsetMinutes = random.nextInt(4) == 0 ? 0 : random.nextInt(18 * 60 * 2 + 1) - 18 * 60;
            int year = random.nextInt(3) == 0 ? 1 + random.nextInt(9999) : 2000 + random.nextInt(40);
            times.add(OffsetDateTime.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                    random.nextInt(60), random.nextInt(60), nano, ZoneOffset.ofTotalSeconds(offsetMinutes * 60)));
        }
        return times;
    }

    @Test
    void readsWhatTheRelayWritesAsTheJdkDoes() {
        for (OffsetDateTime time : times(20_000, 1)) {
            String relayed = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
            assertThat(IsoTimes.parseFast(relayed)).as(relayed).isNotNull().isEqualTo(OffsetDateTime.parse(relayed));
            assertThat(IsoTimes.parse(time.toString())).as(time.toString()).isEqualTo(OffsetDateTime.parse(time.toString()));
        }
    }

    @Test
    void writesTextThatReadsBackAsTheSameTime() {
        for (OffsetDateTime time : times(20_000, 2)) {
            String text = IsoTimes.text(time);
            assertThat(OffsetDateTime.parse(text)).as(text).isEqualTo(time);
            assertThat(IsoTimes.parseFast(text)).as(text).isEqualTo(time);
        }
        assertThat(IsoTimes.text(OffsetDateTime.parse("2019-09-03T08:24:00+08:00"))).isEqualTo("2019-09-03T08:24:00+08:00");
        assertThat(IsoTimes.text(OffsetDateTime.parse("2019-09-03T00:00:00.5Z"))).isEqualTo("2019-09-03T00:00:00.500000000Z");
        assertThat(IsoTimes.text(OffsetDateTime.parse("0007-01-02T03:04:05-09:30"))).isEqualTo("0007-01-02T03:04:05-09:30");
        // What the shape cannot hold is the JDK's text.
        OffsetDateTime far = OffsetDateTime.parse("+12345-01-01T00:00:00Z");
        assertThat(IsoTimes.text(far)).isEqualTo(far.toString());
        OffsetDateTime oddOffset = OffsetDateTime.of(2019, 9, 3, 8, 0, 0, 0, ZoneOffset.ofTotalSeconds(3600 + 7));
        assertThat(IsoTimes.text(oddOffset)).isEqualTo(oddOffset.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-13-03T08:24:26+08:00", "2019-02-30T08:24:26+08:00", "2019-09-03T24:00:00Z",
            "2019-09-03T08:60:00Z", "2019-09-03T08:24:60Z", "2019-09-03T08:24:26+19:00", "2019-09-03T08:24:26+08:60",
            "2019-09-03T08:24:26.1234567891Z", "2019-09-03T08:24:26", "2019-09-03 08:24:26Z", "2019-09-03T08:24:2xZ",
            "201a-09-03T08:24:26Z", "2019-09-03T08:24:26+0800", "2019-09-03T08:24:26+08:00x", "", "not a time"})
    void refusesWhatTheJdkRefusesWithTheJdksException(String text) {
        assertThat(IsoTimes.parseFast(text)).isNull();
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-09-03t08:24:26z", "2019-09-03T08:24+08:00", "2019-09-03T08:24:26+08:00:30",
            "2019-09-03T08:24:26+08", "2019-09-03T08:24:26.Z", "2019-09-03T08:24:26-00:00", "+12019-09-03T08:24:26Z",
            "-0001-09-03T08:24:26Z", "0000-09-03T08:24:26Z", "2019-09-03T08:24:26.000000000+00:00"})
    void answersOtherShapesAsTheJdkDoes(String text) {
        assertThat(outcome(() -> IsoTimes.parse(text))).isEqualTo(outcome(() -> OffsetDateTime.parse(text)));
    }

    private static Object outcome(java.util.function.Supplier<OffsetDateTime> parse) {
        try {
            return parse.get();
        } catch (DateTimeParseException e) {
            return DateTimeParseException.class;
        }
    }

    @Test
    void postgresReadsTheTextAsTheSameInstantAsTheJdksText(@TempDir Path directory) throws Exception {
        // PostgreSQL takes offsets up to ±15:59 (either text of a time beyond that is refused alike).
        List<OffsetDateTime> times = times(6_000, 3).stream()
                .filter(time -> Math.abs(time.getOffset().getTotalSeconds()) < 16 * 3600).toList();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory, 0);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), "");
             PreparedStatement differing = connection.prepareStatement("SELECT count(*), count(*) FILTER ("
                     + "WHERE CAST(ours AS TIMESTAMPTZ) IS DISTINCT FROM CAST(jdk AS TIMESTAMPTZ)) "
                     + "FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS t (ours, jdk)")) {
            differing.setArray(1, connection.createArrayOf("text", times.stream().map(IsoTimes::text).toArray()));
            differing.setArray(2, connection.createArrayOf("text", times.stream().map(OffsetDateTime::toString).toArray()));
            try (ResultSet result = differing.executeQuery()) {
                result.next();
                assertThat(result.getLong(1)).isEqualTo(times.size());
                assertThat(result.getLong(2)).isZero();
            }
        }
    }
}
