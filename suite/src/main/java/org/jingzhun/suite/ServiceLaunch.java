package org.jingzhun.suite;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jingzhun.platform.aot.ServiceAotProcessor;

/**
 * How a service JVM is started from the launcher's own classpath, and the start-up work it is spared.
 *
 * <p>From the suite's jar ({@code java -jar jingzhun-suite.jar}), the four services' classes are nested
 * in it. Started like that, a service reads every class through Spring Boot's nested-jar loader, and the
 * JVM can share nothing between runs: {@code -XX:SharedArchiveFile} (Class Data Sharing) only holds classes
 * of the JVM's own class path. So the jar is extracted once ({@code -Djarmode=tools extract}, Spring Boot's
 * own layout: a thin jar whose manifest lists {@code lib/*.jar}) into {@code jingzhun-suite-cds/} beside it,
 * and each service runs its main class straight from that class path.
 *
 * <p>Beside the extraction, one static AppCDS archive of the classes the four services load ({@code
 * -Xshare:dump} over {@link #CLASS_LIST}, a list recorded from a whole run with {@code --class-list-dir}, see
 * {@code suite/cds/record-class-list.sh}) is written once per jar, and every service maps it ({@code
 * -XX:SharedArchiveFile}) instead of reading, parsing and verifying ~15,000 classes at each start — four JVMs
 * starting at once on two cores spend most of their start there. The build writes it ({@code --prepare} in
 * the {@code package} phase), so even the first start of a fresh jar maps it; a jar extracted without it
 * writes it before its services start. One archive for all four: the pages they map from it are shared.
 * A class of the list that no longer exists is skipped by the dump; one missing from the list is loaded
 * from the jar as usual; an archive the JVM finds stale is ignored ({@code -Xshare:auto}), never fatal.
 *
 * <p>Replaced: each service's first run recording its own dynamic archive ({@code -XX:ArchiveClassesAtExit},
 * written when it stopped): the first start of every new jar then ran without archives and its first stop
 * wrote four archives (44.6 s to start on a quiet box against 17–20 s mapped). Not written at run time either
 * ({@code jcmd <pid> VM.cds dynamic_dump}): each service kept ~260 MB more resident memory after its dump.
 *
 * <p>From classes directories (Maven's {@code spring-boot:run}) nothing changes: CDS does not share classes
 * from directories.
 *
 * <p>Each service's build processes it ahead of time (Spring AOT, {@code org.jingzhun.platform.aot.
 * ServiceAotProcessor}): its bean definitions as generated code, named for the service so that the four can
 * share one class path. From a jar holding them, a service starts in AOT mode ({@link #command(ServiceKind,
 * List, List)}).
 */
final class ServiceLaunch {

    static final String CACHE_SUFFIX = "-cds";
    /**
     * The classes the four services and Kafka's broker JVM load, one per line, as {@code -XX:DumpLoadedClassList}
     * writes them.
     */
    static final String CLASS_LIST = "/cds/services.classlist";
    static final String ARCHIVE = "services.jsa";
    private static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    private static final String STAMP = "extracted-from";
    static final String AOT_ENABLED = "-Dspring.aot.enabled=true";
    /** Maps the class archive at the address it was written for (see {@link #command}). */
    static final List<String> SHARE_ARCHIVE_PAGES =
            List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");

    private final String classpath;
    private final Path bootJar;
    private final PrintStream out;
    private final Predicate<ServiceKind> aheadOfTime;
    private volatile Path extracted;
    private volatile Path classListDirectory;
    private volatile List<String> jitOptions = List.of();

    private ServiceLaunch(String classpath, Path bootJar, PrintStream out, Predicate<ServiceKind> aheadOfTime) {
        this.classpath = classpath;
        this.bootJar = bootJar;
        this.out = out;
        this.aheadOfTime = aheadOfTime;
    }

    /** The launch of services from this JVM's class path ({@code java.class.path}). */
    static ServiceLaunch fromOwnClasspath(PrintStream out) {
        String classpath = System.getProperty("java.class.path");
        return new ServiceLaunch(classpath, isBootJar(classpath) ? Path.of(classpath).toAbsolutePath() : null, out,
                ServiceLaunch::processedAheadOfTime);
    }

    /** A launch from {@code bootJar} as already extracted into {@code app} (what {@link #prepare()} leaves). */
    static ServiceLaunch extractedAt(Path bootJar, Path app, PrintStream out) {
        return extractedAt(bootJar, app, out, ServiceLaunch::processedAheadOfTime);
    }

    /** The same, {@code aheadOfTime} saying which services were processed ahead of time. */
    static ServiceLaunch extractedAt(Path bootJar, Path app, PrintStream out, Predicate<ServiceKind> aheadOfTime) {
        ServiceLaunch launch = new ServiceLaunch(bootJar.toString(), bootJar, out, aheadOfTime);
        launch.extracted = app;
        return launch;
    }

    /**
     * Each service's JVM then writes the classes it loads to {@code directory/<service>.classlist} and maps
     * no archive: the run that refreshes {@link #CLASS_LIST}.
     */
    void recordClassListsInto(Path directory) throws IOException {
        classListDirectory = Files.createDirectories(directory.toAbsolutePath());
    }

    /** Each service's JVM takes {@code options} (from {@link ServiceJit}) after its own, before the caller's. */
    void compileWith(List<String> options) {
        jitOptions = List.copyOf(options);
    }

    /** Whether {@link #prepare()} was started from a jar, so that there is something to extract and archive. */
    boolean fromJar() {
        return bootJar != null;
    }

    /**
     * Extracts the suite's jar and writes its class archive, once per jar (a no-op when already done for this
     * very jar, or when not started from a jar). Safe to run beside the infrastructure's start; if it fails,
     * services start from the jar, or without an archive, as before.
     */
    void prepare() {
        if (bootJar == null) {
            return;
        }
        try {
            Path cache = cacheDirectory();
            Path app = cache.resolve("app");
            String stamp = stamp(bootJar);
            Path stampFile = app.resolve(STAMP);
            if (!Files.isRegularFile(stampFile) || !Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
                extract(cache, app, stamp);
            }
            extracted = app;
            if (!Files.isRegularFile(archive())) {
                dumpArchive(app);
            }
        } catch (IOException | UncheckedIOException e) {
            out.println("[suite] could not prepare " + bootJar + " for faster starts (" + e + "); starting without");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the extraction beside {@code jar} was made from: the jar's absolute path, size and time. The path too,
     * because the class archive records the extracted class path: a jar copied elsewhere together with its
     * extraction (with its times kept: {@code cp -p}, {@code rsync -a}, an archive) is extracted and archived
     * again there, not started with an archive the JVM silently refuses.
     */
    static String stamp(Path jar) throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        return absolute + " " + Files.size(absolute) + " " + Files.getLastModifiedTime(absolute).toMillis();
    }

    private void extract(Path cache, Path app, String stamp) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path fresh = Files.createTempDirectory(cache, "app-");
        Process extract = new ProcessBuilder(javaExecutable(), "-Djarmode=tools", "-jar", bootJar.toString(),
                "extract", "--destination", fresh.toString(), "--force").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!extract.waitFor(5, TimeUnit.MINUTES) || extract.exitValue() != 0) {
            extract.destroyForcibly();
            deleteRecursively(fresh);
            throw new IOException("the extraction failed");
        }
        Files.writeString(fresh.resolve(STAMP), stamp, StandardCharsets.UTF_8);
        deleteRecursively(app);
        try {
            Files.move(fresh, app, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
            // Another suite extracted the same jar at the same time: use its copy.
            deleteRecursively(fresh);
        }
        out.printf("[suite] extracted %s into %s in %.1f s (once per jar)%n", bootJar.getFileName(), app,
                (System.nanoTime() - started) / 1e9);
    }

    /** {@code -Xshare:dump} over the class list kept in the launcher's own jar: ~10 s of one core, once per jar. */
    private void dumpArchive(Path app) throws IOException, InterruptedException {
        Path archives = Files.createDirectories(app.resolve("archives"));
        Path list = archives.resolve("services.classlist");
        try (InputStream in = ServiceLaunch.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                out.println("[suite] no class list in " + bootJar.getFileName() + "; services start without a class archive");
                return;
            }
            Files.copy(in, list, StandardCopyOption.REPLACE_EXISTING);
        }
        long started = System.nanoTime();
        Path dumping = Files.createTempFile(archives, ARCHIVE, ".dumping");
        Process dump = new ProcessBuilder(javaExecutable(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                "-XX:SharedArchiveFile=" + dumping, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", app.resolve(bootJar.getFileName()).toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!dump.waitFor(5, TimeUnit.MINUTES) || dump.exitValue() != 0) {
            dump.destroyForcibly();
            Files.deleteIfExists(dumping);
            out.println("[suite] could not write the class archive; services start without it");
            return;
        }
        try {
            Files.move(dumping, archive(), StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
            Files.deleteIfExists(dumping);
        }
        out.printf("[suite] wrote the services' class archive in %.1f s (once per jar)%n",
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * The command line of {@code kind}'s JVM. When the service's classes come from a jar processed ahead of time
     * (the build's {@code spring-aot} execution), with {@code -Dspring.aot.enabled=true}: the service then
     * registers the bean definitions generated at build time instead of parsing its configuration classes and
     * evaluating their conditions. Before the caller's options, so {@code --service-jvm-options=
     * -Dspring.aot.enabled=false} turns it off. Not from classes directories ({@code spring-boot:run}): the
     * generated classes an earlier build left there need not match the sources any more; a jar is built whole.
     * The options of {@link #compileWith} come before those too.
     */
    List<String> command(ServiceKind kind, List<String> jvmOptions, List<String> arguments) {
        List<String> options = new ArrayList<>(kind.jvmOptions);
        options.addAll(jitOptions);
        if (aheadOfTime.test(kind)) {
            options.add(AOT_ENABLED);
        }
        options.addAll(jvmOptions);
        return command(options, kind.mainClass, kind.shortName, arguments);
    }

    /**
     * Whether the class Spring Boot looks up in AOT mode ({@code <main class>__ApplicationContextInitializer}) is
     * on this class path, in a jar (the suite's own, nested or extracted, or a service's).
     */
    static boolean processedAheadOfTime(ServiceKind kind) {
        URL initializer = ServiceLaunch.class.getClassLoader()
                .getResource(kind.mainClass.replace('.', '/') + ServiceAotProcessor.INITIALIZER_SUFFIX + ".class");
        return initializer != null && !"file".equals(initializer.getProtocol());
    }

    /**
     * The command line of a JVM running {@code mainClass} from the launcher's own class path, as a service's is
     * built (Kafka's broker runs so): it maps the class archive, whose list holds the broker's classes too; while
     * class lists are recorded, it writes what it loads to {@code <simple name of mainClass>.classlist} instead.
     */
    List<String> command(List<String> jvmOptions, String mainClass, List<String> arguments) {
        return command(jvmOptions, mainClass, mainClass.substring(mainClass.lastIndexOf('.') + 1), arguments);
    }

    /**
     * Maps the class archive, or, while class lists are recorded ({@code --class-list-dir}), writes what the JVM
     * loads to {@code <listName>.classlist} there and maps nothing.
     */
    private List<String> command(List<String> jvmOptions, String mainClass, String listName, List<String> arguments) {
        Path lists = classListDirectory;
        List<String> options = new ArrayList<>(jvmOptions);
        if (lists != null) {
            options.add("-XX:DumpLoadedClassList=" + lists.resolve(listName + ".classlist"));
        }
        return command(options, mainClass, arguments, lists == null);
    }

    private List<String> command(List<String> jvmOptions, String mainClass, List<String> arguments,
                                 boolean mapArchive) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        Path app = extracted;
        boolean mapping = app != null && mapArchive && Files.isRegularFile(archive());
        if (mapping) {
            // At the address it was written for, not a random one (ArchiveRelocationMode=1, the default of recent
            // JDK 17 updates): relocating rewrites its pointers, so 88 MB of the archive became private pages in
            // every JVM; mapped in place, 37 MB (the pages the JVM itself writes) and the rest stays pages of the
            // file, shared by all five (docs/benchmarks.md, "The class archive mapped in place"). The price: the
            // archive's classes at a known address, as in every JDK 17 before that default. Before the caller's
            // options, which may say otherwise.
            command.addAll(SHARE_ARCHIVE_PAGES);
        }
        command.addAll(jvmOptions);
        if (app != null) {
            if (mapping) {
                command.add("-XX:SharedArchiveFile=" + archive());
                // A stale archive is the JVM's to ignore, not worth a warning on every start.
                command.add("-Xlog:cds=off");
                command.add("-Xlog:cds+dynamic=off");
            }
            command.add("-cp");
            command.add(app.resolve(bootJar.getFileName()).toString());
            command.add(mainClass);
        } else if (bootJar != null) {
            // Started with java -jar jingzhun-suite.jar, not extracted: the services' classes are nested in it.
            command.add("-cp");
            command.add(classpath);
            command.add("-Dloader.main=" + mainClass);
            command.add(BOOT_PROPERTIES_LAUNCHER);
        } else {
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
        }
        command.addAll(arguments);
        return command;
    }

    private Path archive() {
        return extracted.resolve("archives").resolve(ARCHIVE);
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
