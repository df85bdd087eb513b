package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLaunchTest {

    @Test
    void startsAServiceStraightFromClassesDirectoriesWithoutClassArchives() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ServiceLaunch launch = ServiceLaunch.fromOwnClasspath(new PrintStream(printed));
        launch.prepare();

        List<String> command = launch.command(ServiceKind.CHECKLIST, List.of("-Xmx256m"), List.of("--server.port=0"));

        assertThat(command.get(0)).endsWith("java");
        assertThat(command).containsSubsequence("-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ServiceKind.CHECKLIST.mainClass, "--server.port=0");
        assertThat(command).noneMatch(part -> part.startsWith("-XX:SharedArchiveFile")
                || part.startsWith("-XX:ArchiveClassesAtExit") || part.startsWith("-Dloader.main"));
        assertThat(printed.toString()).isEmpty();
    }
}
