package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SuiteOptionsTest {

    @Test
    void defaultsToTheContractsPortsAndDataDirectory() {
        SuiteOptions options = SuiteOptions.parse();
        assertThat(options.dataDir()).isEqualTo(Path.of(".jingzhun").toAbsolutePath().normalize());
        assertThat(options.demo()).isFalse();
        assertThat(options.help()).isFalse();
        assertThat(options.servicePorts()).containsEntry(ServiceKind.REPORTING, 8080)
                .containsEntry(ServiceKind.ORGANIZATION, 8081).containsEntry(ServiceKind.CHECKLIST, 8082)
                .containsEntry(ServiceKind.RECTIFICATION, 8083);
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.kafkaControllerPort()).isEqualTo(19093);
        assertThat(options.postgresUnixSocket()).isTrue();
        assertThat(options.serviceJvmOptions()).containsExactly("-Xmx512m", "-Xms64m", "-Xmn24m", "-XX:+UseSerialGC",
                "-XX:MaxHeapFreeRatio=40", "-XX:MinHeapFreeRatio=15");
        assertThat(options.kafkaJvmOptions()).containsExactly("-Xmx512m", "-Xms64m", "-Xmn24m", "-XX:+UseSerialGC",
                "-XX:MaxHeapFreeRatio=40", "-XX:MinHeapFreeRatio=15", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void readsEveryFlagOfTheContract() {
        SuiteOptions options = SuiteOptions.parse("--data-dir=/tmp/x", "--demo", "--reporting-port=9090",
                "--organization-port=9091", "--checklist-port=9092", "--rectification-port=0",
                "--postgres-port=5433", "--kafka-port=9093", "--kafka-controller-port=9094", "--postgres-over-tcp",
                "--service-jvm-options=-Xmx256m -XX:+UseSerialGC", "--kafka-jvm-options= -Xmx300m  -XX:+UseParallelGC ");
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.demo()).isTrue();
        assertThat(options.servicePorts()).containsEntry(ServiceKind.REPORTING, 9090)
                .containsEntry(ServiceKind.ORGANIZATION, 9091).containsEntry(ServiceKind.CHECKLIST, 9092)
                .containsEntry(ServiceKind.RECTIFICATION, 0);
        assertThat(options.postgresPort()).isEqualTo(5433);
        assertThat(options.kafkaPort()).isEqualTo(9093);
        assertThat(options.kafkaControllerPort()).isEqualTo(9094);
        assertThat(options.postgresUnixSocket()).isFalse();
        assertThat(options.serviceJvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(options.kafkaJvmOptions()).containsExactly("-Xmx300m", "-XX:+UseParallelGC");
    }

    @Test
    void readsTheBuildsFlags() {
        SuiteOptions plain = SuiteOptions.parse();
        assertThat(plain.prepare()).isFalse();
        assertThat(plain.classListDir()).isNull();
        SuiteOptions options = SuiteOptions.parse("--prepare", "--class-list-dir=/tmp/lists");
        assertThat(options.prepare()).isTrue();
        assertThat(options.classListDir()).isEqualTo(Path.of("/tmp/lists"));
        assertThat(SuiteOptions.usage()).contains("--prepare", "--class-list-dir=DIR");
        assertThatThrownBy(() -> SuiteOptions.parse("--class-list-dir=")).hasMessageContaining("needs a value");
    }

    @Test
    void helpListsEveryFlag() {
        assertThat(SuiteOptions.parse("--help").help()).isTrue();
        assertThat(SuiteOptions.parse("-h").help()).isTrue();
        assertThat(SuiteOptions.usage()).contains("--data-dir=DIR", "--demo", "--reporting-port=PORT",
                "--organization-port=PORT", "--checklist-port=PORT", "--rectification-port=PORT",
                "--postgres-port=PORT", "--kafka-port=PORT", "--kafka-controller-port=PORT",
                "--service-jvm-options=OPTIONS", "--kafka-jvm-options=OPTIONS", "--help", "default: 15432");
    }

    @Test
    void rejectsUnknownOptionsAndBadValuesNamingThem() {
        assertThatThrownBy(() -> SuiteOptions.parse("--dmeo"))
                .hasMessageContaining("Unknown option: '--dmeo'").hasMessageContaining("--demo");
        assertThatThrownBy(() -> SuiteOptions.parse("--data")).hasMessageContaining("Unknown option: '--data'");
        assertThatThrownBy(() -> SuiteOptions.parse("--kafka-port=x"))
                .hasMessageContaining("--kafka-port").hasMessageContaining("port number");
        assertThatThrownBy(() -> SuiteOptions.parse("--kafka-port=70000")).hasMessageContaining("port number");
        assertThatThrownBy(() -> SuiteOptions.parse("--data-dir=")).hasMessageContaining("needs a value");
    }
}
