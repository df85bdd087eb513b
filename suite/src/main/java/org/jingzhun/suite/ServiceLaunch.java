package org.jingzhun.suite;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * How a service JVM is started from the launcher's own classpath, and the start-up work it is spared.
 *
 * <p>From the suite's jar ({@code java -jar jingzhun-suite.jar}), the four services' classes are nested
 * in it. Started like that, a service reads every class through Spring Boot's nested-jar loader, and the
 * JVM can share nothing between runs: {@code -XX:SharedArchiveFile} (Class Data Sharing) only holds classes
 * of the JVM's own class path. So the jar is extracted once ({@code -Djarmode=tools extract}, Spring Boot's
 * own layout: a thin jar whose manifest lists {@code lib/*.jar}) into {@code jingzhun-suite-cds/} beside it,
 * and each service runs its main class straight from that class path. Its first run records an AppCDS
 * archive of the classes it loaded ({@code -XX:ArchiveClassesAtExit}, JDK 17's dynamic archive, written
 * when the service stops); every later run maps it ({@code -XX:SharedArchiveFile}) instead of reading,
 * parsing and verifying ~20,000 classes again — four JVMs starting at once on two cores spend most of their
 * start there. A new jar (another size or time) gets a new extraction and new archives; an archive the JVM
 * finds stale is ignored by the JVM itself ({@code -Xshare:auto}), never fatal. The launcher stops recording
 * JVMs one at a time, with more time each ({@link #recordsArchive}).
 *
 * <p>Not written at run time instead ({@code -XX:+RecordDynamicDumpInfo}, then {@code jcmd <pid> VM.cds
 * dynamic_dump} once the service is ready): tried, and each service kept ~260 MB more resident memory for
 * the rest of its run after its dump ({@code System.trim_native_heap} gave back 60 MB of it).
 *
 * <p>From classes directories (Maven's {@code spring-boot:run}, the tests) nothing changes: CDS does not
 * share classes from directories.
 */
final class ServiceLaunch {

    static final String CACHE_SUFFIX = "-cds";
    private static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final String STAMP = "extracted-from";

    private final String classpath;
    private final Path bootJar;
    private final PrintStream out;
    private volatile Path extracted;
    /** The services whose running JVM records a class archive, to be written when it stops. */
    private final Set<ServiceKind> recording = EnumSet.noneOf(ServiceKind.class);

    private ServiceLaunch(String classpath, Path bootJar, PrintStream out) {
        this.classpath = classpath;
        this.bootJar = bootJar;
        this.out = out;
    }

    /** The launch of services from this JVM's class path ({@code java.class.path}). */
    static ServiceLaunch fromOwnClasspath(PrintStream out) {
        String classpath = System.getProperty("java.class.path");
        return new ServiceLaunch(classpath, isBootJar(classpath) ? Path.of(classpath).toAbsolutePath() : null, out);
    }

    /** A launch from {@code bootJar} as already extracted into {@code app} (what {@link #prepare()} leaves). */
    static ServiceLaunch extractedAt(Path bootJar, Path app, PrintStream out) {
        ServiceLaunch launch = new ServiceLaunch(bootJar.toString(), bootJar, out);
        launch.extracted = app;
        return launch;
    }

    /**
     * Extracts the suite's jar once (a no-op when already done for this very jar, or when not started from
     * a jar). Safe to run beside the infrastructure's start; if it fails, services start from the jar as before.
     */
    void prepare() {
        if (bootJar == null) {
            return;
        }
        try {
            Path cache = cacheDirectory();
            Path app = cache.resolve("app");
            String stamp = bootJar.getFileName() + " " + Files.size(bootJar) + " " + Files.getLastModifiedTime(bootJar).toMillis();
            Path stampFile = app.resolve(STAMP);
            if (Files.isRegularFile(stampFile) && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
                extracted = app;
                return;
            }
            long started = System.nanoTime();
            Path fresh = Files.createTempDirectory(cache, "app-");
            Process extract = new ProcessBuilder(javaExecutable(), "-Djarmode=tools", "-jar", bootJar.toString(),
                    "extract", "--destination", fresh.toString(), "--force").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!extract.waitFor(5, TimeUnit.MINUTES) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                deleteRecursively(fresh);
                out.println("[suite] could not extract " + bootJar + " for faster starts; starting from the jar");
                return;
            }
            Files.writeString(fresh.resolve(STAMP), stamp, StandardCharsets.UTF_8);
            deleteRecursively(app);
            try {
                Files.move(fresh, app, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                // Another suite extracted the same jar at the same time: use its copy.
                deleteRecursively(fresh);
            }
            extracted = app;
            out.printf("[suite] extracted %s into %s in %.1f s (once per jar)%n", bootJar.getFileName(), app,
                    (System.nanoTime() - started) / 1e9);
        } catch (IOException | UncheckedIOException e) {
            out.println("[suite] could not extract " + bootJar + " for faster starts (" + e + "); starting from the jar");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line of {@code kind}'s JVM. */
    List<String> command(ServiceKind kind, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        Path app = extracted;
        if (app != null) {
            Path archive = archive(kind);
            if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
                markRecording(kind, false);
            } else {
                command.add("-XX:ArchiveClassesAtExit=" + recording(kind));
                markRecording(kind, true);
            }
            // A stale archive is the JVM's to ignore, not worth a warning on every start.
            command.add("-Xlog:cds=off");
            command.add("-Xlog:cds+dynamic=off");
            command.add("-cp");
            command.add(app.resolve(bootJar.getFileName()).toString());
            command.add(kind.mainClass);
        } else if (bootJar != null) {
            // Started with java -jar jingzhun-suite.jar, not extracted: the services' classes are nested in it.
            command.add("-cp");
            command.add(classpath);
            command.add("-Dloader.main=" + kind.mainClass);
            command.add(BOOT_PROPERTIES_LAUNCHER);
        } else {
            command.add("-cp");
            command.add(classpath);
            command.add(kind.mainClass);
        }
        command.addAll(arguments);
        return command;
    }

    /**
     * After a service's JVM ended: the archive its first run recorded becomes the one later runs map.
     * Only a JVM that ended on its own or on SIGTERM wrote a whole archive; a killed one leaves none to keep.
     */
    synchronized void exited(ServiceKind kind, int exitCode) {
        recording.remove(kind);
        Path recorded = recording(kind);
        if (extracted == null || !Files.isRegularFile(recorded)) {
            return;
        }
        try {
            if (exitCode == 0 || exitCode == 143) {
                Files.move(recorded, archive(kind), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(recorded);
            }
        } catch (IOException e) {
            out.println("[suite] could not keep the class archive of " + kind.shortName + ": " + e);
        }
    }

    /**
     * Whether {@code kind}'s running JVM records a class archive: its stop then also writes the archive (a few
     * seconds of a core and ~250 MB more memory while it does; four at once on a loaded two-core box overran a
     * 30 s stop, were killed, and kept no archive, so every later start was a slow first one again).
     */
    synchronized boolean recordsArchive(ServiceKind kind) {
        return recording.contains(kind);
    }

    private synchronized void markRecording(ServiceKind kind, boolean records) {
        if (records) {
            recording.add(kind);
        } else {
            recording.remove(kind);
        }
    }

    private Path archive(ServiceKind kind) {
        return extracted.resolve("archives").resolve(kind.shortName + ".jsa");
    }

    private Path recording(ServiceKind kind) {
        Path archives = extracted.resolve("archives");
        try {
            Files.createDirectories(archives);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archives.resolve(kind.shortName + ".jsa.recording");
    }

    /** Beside the jar ({@code jingzhun-suite-cds/}), so a fresh data directory starts as fast as an old one. */
    private Path cacheDirectory() throws IOException {
        String name = bootJar.getFileName().toString().replaceFirst("\\.jar$", "") + CACHE_SUFFIX;
        Path cache = bootJar.resolveSibling(name);
        Files.createDirectories(cache);
        return cache;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }

    private static boolean isBootJar(String classpath) {
        if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classpath)) {
            return jar.getEntry("BOOT-INF/lib/") != null || jar.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
