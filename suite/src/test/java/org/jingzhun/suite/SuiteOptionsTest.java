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
        assertThat(options.servicePorts()).containsEntry(ServiceKind.REPORTING, 8080)
                .containsEntry(ServiceKind.ORGANIZATION, 8081).containsEntry(ServiceKind.CHECKLIST, 8082)
                .containsEntry(ServiceKind.RECTIFICATION, 8083);
    }

    @Test
    void readsDataDirDemoAndPorts() {
        SuiteOptions options = SuiteOptions.parse("--data-dir=/tmp/x", "--demo", "--reporting-port=9090");
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.demo()).isTrue();
        assertThat(options.servicePorts()).containsEntry(ServiceKind.REPORTING, 9090);
    }

    @Test
    void rejectsUnknownOptionsAndBadPorts() {
        assertThatThrownBy(() -> SuiteOptions.parse("--dmeo")).hasMessageContaining("Unknown option --dmeo");
        assertThatThrownBy(() -> SuiteOptions.parse("--kafka-port=x")).hasMessageContaining("port number");
        assertThatThrownBy(() -> SuiteOptions.parse("--data-dir=")).hasMessageContaining("needs a value");
    }
}
