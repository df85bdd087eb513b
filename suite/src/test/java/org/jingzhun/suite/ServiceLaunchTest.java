package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
            // Mapped where it was written (so its pages stay shared), unless the suite's options say otherwise.
            assertThat(launch.command(kind, List.of("-Xmx256m"), List.of("--server.port=0")))
                    .containsSubsequence("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-Xmx256m",
                            "-XX:SharedArchiveFile=" + archive, "-cp", thinJar, kind.mainClass, "--server.port=0");
        }
        // Kafka's broker maps it too.
        assertThat(launch.command(List.of("-Xmx256m"), "org.jingzhun.embedded.KafkaBrokerMain", List.of("dir", "0", "0")))
                .containsSubsequence("-XX:ArchiveRelocationMode=0", "-Xmx256m", "-XX:SharedArchiveFile=" + archive,
                        "-cp", thinJar, "org.jingzhun.embedded.KafkaBrokerMain", "dir", "0", "0");

        // Refreshing the class list: each JVM writes its own, and maps nothing (so that every class is listed).
        launch.recordClassListsInto(directory.resolve("lists"));
        assertThat(launch.command(ServiceKind.REPORTING, List.of(), List.of()))
                .contains("-XX:DumpLoadedClassList=" + directory.resolve("lists/reporting.classlist"))
                .noneMatch(part -> part.startsWith("-XX:SharedArchiveFile") || part.startsWith("-XX:ArchiveRelocation"));
        // So does Kafka's broker: the archive holds its classes too.
        assertThat(launch.command(List.of(), "org.jingzhun.embedded.KafkaBrokerMain", List.of()))
                .contains("-XX:DumpLoadedClassList=" + directory.resolve("lists/KafkaBrokerMain.classlist"))
                .noneMatch(part -> part.startsWith("-XX:SharedArchiveFile") || part.startsWith("-XX:ArchiveRelocation"));
    }

    @Test
    void aServiceProcessedAheadOfTimeStartsInAotModeUnlessTheSuitesOptionsSayOtherwise(@TempDir Path directory)
            throws IOException {
        Path jar = Files.createFile(directory.resolve("jingzhun-suite.jar"));
        Path app = Files.createDirectories(directory.resolve("jingzhun-suite-cds/app"));
        ServiceLaunch launch = ServiceLaunch.extractedAt(jar, app, new PrintStream(new ByteArrayOutputStream()),
                kind -> kind != ServiceKind.REPORTING);

        // System properties: the last of a repeated -D counts, and the suite's options come after.
        assertThat(launch.command(ServiceKind.CHECKLIST, List.of("-Dspring.aot.enabled=false"), List.of()))
                .containsSubsequence(ServiceLaunch.AOT_ENABLED, "-Dspring.aot.enabled=false",
                        ServiceKind.CHECKLIST.mainClass);
        assertThat(launch.command(ServiceKind.ORGANIZATION, List.of(), List.of()))
                .containsSubsequence(ServiceLaunch.AOT_ENABLED, ServiceKind.ORGANIZATION.mainClass);
        // Not processed (built with -Djingzhun.aot.skip=true): started as before.
        assertThat(launch.command(ServiceKind.REPORTING, List.of(), List.of())).doesNotContain(ServiceLaunch.AOT_ENABLED);
    }

    /** A jar copied elsewhere with its extraction beside it is extracted (and archived) again there. */
    @Test
    void theExtractionBelongsToTheJarWhereItLiesNotToItsNameSizeAndTime(@TempDir Path directory) throws IOException {
        Path built = Files.writeString(Files.createDirectories(directory.resolve("target")).resolve("jingzhun-suite.jar"), "jar");
        Path copied = Files.copy(built, Files.createDirectories(directory.resolve("elsewhere")).resolve("jingzhun-suite.jar"),
                StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(Files.getLastModifiedTime(copied).toMillis()).isEqualTo(Files.getLastModifiedTime(built).toMillis());

        assertThat(ServiceLaunch.stamp(copied)).isNotEqualTo(ServiceLaunch.stamp(built));
        assertThat(ServiceLaunch.stamp(directory.resolve("target/../target/jingzhun-suite.jar")))
                .isEqualTo(ServiceLaunch.stamp(built));
        String before = ServiceLaunch.stamp(built);
        Files.writeString(built, "jar, rebuilt");
        assertThat(ServiceLaunch.stamp(built)).isNotEqualTo(before);
    }

    /**
     * This JDK really maps an archive so launched at the address it was written for: relocated (the default of
     * recent JDK 17 updates), every JVM rewrites the archive's pointers into private pages of its own.
     */
    @Test
    void aJvmSoLaunchedMapsTheArchiveInPlaceInsteadOfRelocatingIt(@TempDir Path directory) throws Exception {
        Path jar = Files.createFile(directory.resolve("jingzhun-suite.jar"));
        Path app = Files.createDirectories(directory.resolve("jingzhun-suite-cds/app"));
        Path thinJar = app.resolve("jingzhun-suite.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        new JarOutputStream(Files.newOutputStream(thinJar), manifest).close();
        Path archive = Files.createDirectories(app.resolve("archives")).resolve(ServiceLaunch.ARCHIVE);
        Path list = Files.writeString(directory.resolve("classes.list"), "java/lang/Object\njava/lang/String\n");
        assertThat(ChildJvm.run(List.of(ChildJvm.JAVA, "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + archive, "-cp", thinJar.toString())).exitValue()).isZero();
        ServiceLaunch launch = ServiceLaunch.extractedAt(jar, app, new PrintStream(new ByteArrayOutputStream()));

        List<String> command = new ArrayList<>(launch.command(ServiceKind.CHECKLIST, List.of(), List.of()));
        // Its own logging of the mapping instead of none, and the JVM's version instead of the service.
        command.removeIf(part -> part.startsWith("-Xlog:cds"));
        command.set(command.indexOf(ServiceKind.CHECKLIST.mainClass), "-version");
        command.add(1, "-Xlog:cds=info");
        ChildJvm.Ran ran = ChildJvm.run(command);

        assertThat(ran.exitValue()).as(ran.output()).isZero();
        assertThat(ran.output()).containsPattern("Mapped static +region #0")
                .doesNotContain("map archive(s) at an alternative address");
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

    @Test
    void everyServiceTakesTheJitDirectivesBeforeTheSuitesOptionsWhichMayReplaceThem(@TempDir Path dataDir) {
        ServiceLaunch launch = ServiceLaunch.fromOwnClasspath(new PrintStream(new ByteArrayOutputStream()));
        List<String> jit = ServiceJit.writeInto(dataDir).orElseThrow();
        String replaced = "-XX:CompilerDirectivesFile=" + dataDir.resolve("mine.json");

        launch.compileWith(jit);

        for (ServiceKind kind : ServiceKind.values()) {
            assertThat(launch.command(kind, List.of("-Xmx256m", replaced), List.of())).as(kind.name())
                    .containsSubsequence(jit.get(0), jit.get(1), "-Xmx256m", replaced);
        }
        assertThat(launch.command(List.of("-Xmx256m"), "org.jingzhun.embedded.KafkaBrokerMain", List.of()))
                .as("Kafka's broker: C1 only, no directives").doesNotContain(jit.get(1));
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
