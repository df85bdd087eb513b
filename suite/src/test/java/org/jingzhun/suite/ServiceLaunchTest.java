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
    void everyServiceMapsTheOneArchiveOnceWrittenAndNoneWhileClassListsAreRecorded(@TempDir Path directory)
            throws IOException {
        Path jar = Files.createFile(directory.resolve("jingzhun-suite.jar"));
        Path app = Files.createDirectories(directory.resolve("jingzhun-suite-cds/app"));
        ServiceLaunch launch = ServiceLaunch.extractedAt(jar, app, new PrintStream(new ByteArrayOutputStream()));
        Path archive = app.resolve("archives/services.jsa");
        String thinJar = app.resolve("jingzhun-suite.jar").toString();

        // No archive (not written yet, or its dump failed): the services start from the extracted jar without one.
        assertThat(launch.command(ServiceKind.CHECKLIST, List.of("-Xmx256m"), List.of()))
                .containsSubsequence("-Xmx256m", "-cp", thinJar, ServiceKind.CHECKLIST.mainClass)
                .noneMatch(part -> part.startsWith("-XX:SharedArchiveFile") || part.startsWith("-XX:ArchiveClassesAtExit"));

        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "archive");
        for (ServiceKind kind : ServiceKind.values()) {
            assertThat(launch.command(kind, List.of(), List.of("--server.port=0")))
                    .containsSubsequence("-XX:SharedArchiveFile=" + archive, "-cp", thinJar, kind.mainClass,
                            "--server.port=0");
        }

        // Refreshing the class list: each JVM writes its own, and maps nothing (so that every class is listed).
        launch.recordClassListsInto(directory.resolve("lists"));
        assertThat(launch.command(ServiceKind.REPORTING, List.of(), List.of()))
                .contains("-XX:DumpLoadedClassList=" + directory.resolve("lists/reporting.classlist"))
                .noneMatch(part -> part.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void organizationAndReportingCompileWithC1OnlyUnlessTheSuitesOptionsSayOtherwise() {
        ServiceLaunch launch = ServiceLaunch.fromOwnClasspath(new PrintStream(new ByteArrayOutputStream()));
        for (ServiceKind kind : ServiceKind.values()) {
            List<String> command = launch.command(kind, List.of("-Xmx256m", "-XX:TieredStopAtLevel=4"), List.of());
            if (kind == ServiceKind.ORGANIZATION || kind == ServiceKind.REPORTING) {
                // HotSpot takes the last of a repeated flag: the suite's options come after the service's own.
                assertThat(command).as(kind.name())
                        .containsSubsequence("-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:TieredStopAtLevel=4");
            } else {
                assertThat(command).as(kind.name()).doesNotContain("-XX:TieredStopAtLevel=1");
            }
        }
    }

    /**
     * The committed class list still names the services' classes: a list far behind the code (classes renamed
     * or moved) leaves them out of the archive, and every start reads them from the jar again.
     */
    @Test
    void theClassListTheBuildArchivesStillNamesTheServicesClasses() throws IOException {
        List<String> ours;
        try (var in = ServiceLaunch.class.getResourceAsStream(ServiceLaunch.CLASS_LIST)) {
            assertThat(in).as("the class list " + ServiceLaunch.CLASS_LIST + " is in the suite's jar").isNotNull();
            ours = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("org/jingzhun/")).map(line -> line.split(" ")[0]).toList();
        }
        assertThat(ours).as("the services' own classes in the list").hasSizeGreaterThan(300);
        List<String> gone = ours.stream().filter(name -> {
            try {
                Class.forName(name.replace('/', '.'), false, getClass().getClassLoader());
                return false;
            } catch (ClassNotFoundException | LinkageError e) {
                return true;
            }
        }).toList();
        assertThat(gone.size()).as("classes the list names that no longer exist (refresh it with "
                + "suite/cds/record-class-list.sh): %s", gone).isLessThan(ours.size() / 20);
        for (ServiceKind kind : ServiceKind.values()) {
            assertThat(ours).as("the list has " + kind.shortName + "'s main class")
                    .contains(kind.mainClass.replace('.', '/'));
        }
    }
}
