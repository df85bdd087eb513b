package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aFirstRunRecordsItsClassArchiveWhichLaterRunsMapOnceItStoppedCleanly(@TempDir Path directory) throws IOException {
        Path jar = Files.createFile(directory.resolve("jingzhun-suite.jar"));
        Path app = Files.createDirectories(directory.resolve("jingzhun-suite-cds/app"));
        ServiceLaunch launch = ServiceLaunch.extractedAt(jar, app, new PrintStream(new ByteArrayOutputStream()));
        Path recording = app.resolve("archives/checklist.jsa.recording");

        List<String> first = launch.command(ServiceKind.CHECKLIST, List.of("-Xmx256m"), List.of());
        assertThat(first).contains("-XX:ArchiveClassesAtExit=" + recording, ServiceKind.CHECKLIST.mainClass);
        assertThat(launch.recordsArchive(ServiceKind.CHECKLIST)).isTrue();
        assertThat(launch.recordsArchive(ServiceKind.REPORTING)).isFalse();

        // Killed (SIGKILL, 137): what it wrote is not a whole archive; the next run records again.
        Files.writeString(recording, "partial");
        launch.exited(ServiceKind.CHECKLIST, 137);
        assertThat(recording).doesNotExist();
        assertThat(launch.recordsArchive(ServiceKind.CHECKLIST)).isFalse();
        assertThat(launch.command(ServiceKind.CHECKLIST, List.of(), List.of()))
                .contains("-XX:ArchiveClassesAtExit=" + recording);
        assertThat(launch.recordsArchive(ServiceKind.CHECKLIST)).isTrue();

        // Stopped on SIGTERM (143): its archive is kept, and the next run maps it instead of recording.
        Files.writeString(recording, "archive");
        launch.exited(ServiceKind.CHECKLIST, 143);
        List<String> later = launch.command(ServiceKind.CHECKLIST, List.of(), List.of());
        assertThat(later).contains("-XX:SharedArchiveFile=" + app.resolve("archives/checklist.jsa"))
                .noneMatch(part -> part.startsWith("-XX:ArchiveClassesAtExit"));
        assertThat(launch.recordsArchive(ServiceKind.CHECKLIST)).isFalse();
    }
}
