package org.jingzhun.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: {@code ./mvnw verify} runs its short version (one of each fault, 1,000 fuzzed
 * requests); {@code -Pfaults} the full one. The services' output goes to {@code target/faults.log}.
 */
class FaultSuiteTest {

    @Test
    void nothingAcknowledgedIsLostOrCountedTwiceUnderFaults() throws Exception {
        String profile = System.getProperty("faults.profile", "short");
        Path dataDir = Files.createTempDirectory("jingzhun-faults");
        Files.createDirectories(Path.of("target"));
        try (PrintStream log = new PrintStream(Files.newOutputStream(Path.of("target", "faults.log")), true,
                StandardCharsets.UTF_8)) {
            List<FaultSuite.Row> rows = new FaultSuite(FaultSuite.Settings.named(profile), dataDir, System.out, log).run();
            Files.writeString(Path.of("target", "faults-table.md"), FaultSuite.table(rows));
            assertThat(rows).isNotEmpty().allSatisfy(row -> {
                assertThat(row.lost()).as(row.fault() + " lost").isZero();
                assertThat(row.doubled()).as(row.fault() + " double-counted").isZero();
                assertThat(row.survived()).as(row.fault() + " survived").isEqualTo(row.faults());
            });
            assertThat(rows.get(0).acked()).as("acknowledged commands").isPositive();
        }
    }
}
