package org.jingzhun.platform.aot;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.javapoet.ClassName;

/**
 * Build time only: Spring Boot's ahead-of-time processing of one service (what the Boot plugin's
 * {@code process-aot} does), with every generated class named for that service, then compiled into its
 * classes. Run by the {@code spring-aot} execution of each service's build (root pom).
 *
 * <p>Why not {@code process-aot} itself: it names a generated class after the class it is for
 * ({@code SerializerProperties__BeanDefinitions} in Axon's package, {@code RelayConfiguration__BeanDefinitions}
 * in ours), and what it holds depends on the service (which beans its conditions kept, which message handlers
 * Axon found). The suite runs all four services from one class path, so four classes of the same name would
 * meet there and the first on the class path would serve every service. Here each name carries the service's
 * ({@code SerializerProperties__OrganizationServiceBeanDefinitions}), and a class of the name Spring Boot
 * looks up at start ({@code <main class>__ApplicationContextInitializer}) hands over to that service's own
 * initializer. Proxy classes generated for configuration classes ({@code …$$SpringCGLIB$$0}) depend only on
 * the class they proxy, so the same name holds the same class in every service.
 *
 * <p>Arguments: the application's main class, the classes directory to compile into, a work directory for
 * the generated sources, resources and classes, the group and artifact ids; any more go to the application.
 */
public final class ServiceAotProcessor extends SpringApplicationAotProcessor {

    /**
     * What Spring Boot appends to the main class's name to find the initializer in AOT mode: the class written
     * here, and the one the suite's launcher looks for before it turns AOT mode on.
     */
    public static final String INITIALIZER_SUFFIX = "__ApplicationContextInitializer";

    private final String prefix;

    private ServiceAotProcessor(Class<?> application, Settings settings, String[] applicationArguments) {
        super(application, settings, applicationArguments);
        this.prefix = prefix(application);
    }

    /** {@code OrganizationServiceApplication} gives {@code OrganizationService}. */
    static String prefix(Class<?> application) {
        String name = application.getSimpleName();
        return name.endsWith("Application") && name.length() > "Application".length()
                ? name.substring(0, name.length() - "Application".length()) : name;
    }

    @Override
    protected ClassNameGenerator createClassNameGenerator() {
        return new ClassNameGenerator(ClassName.get(getApplicationClass()), prefix);
    }

    /** Exits 0 when done, 1 (with the cause) when not: never left waiting on a thread the processing started. */
    public static void main(String[] args) {
        try {
            process(args);
        } catch (Exception | LinkageError e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void process(String[] args) throws Exception {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: ServiceAotProcessor <main class> <classes directory> "
                    + "<work directory> <group id> <artifact id> [application arguments...]");
        }
        Class<?> application = Class.forName(args[0]);
        Path classes = Path.of(args[1]);
        Path work = Path.of(args[2]);
        Settings settings = Settings.builder()
                .sourceOutput(work.resolve("sources"))
                .resourceOutput(work.resolve("resources"))
                .classOutput(work.resolve("classes"))
                .groupId(args[3])
                .artifactId(args[4])
                .build();
        ClassName initializer = new ServiceAotProcessor(application, settings,
                Arrays.copyOfRange(args, 5, args.length)).process();
        writeEntryInitializer(application, initializer, settings.getSourceOutput());
        compile(settings.getSourceOutput(), classes);
        copyClasses(settings.getClassOutput(), classes);
        // The generated resources are GraalVM native-image hints: nothing on the JVM reads them.
    }

    /** {@code <main class>__ApplicationContextInitializer}, the name Spring Boot looks up, handing over. */
    static void writeEntryInitializer(Class<?> application, ClassName initializer, Path sources) throws IOException {
        String packageName = application.getPackageName();
        String simpleName = application.getSimpleName() + INITIALIZER_SUFFIX;
        String source = """
                package %s;

                import org.springframework.context.ApplicationContextInitializer;
                import org.springframework.context.support.GenericApplicationContext;

                /** Generated at build time (ServiceAotProcessor): hands over to this service's own initializer. */
                public class %s implements ApplicationContextInitializer<GenericApplicationContext> {
                    @Override
                    public void initialize(GenericApplicationContext context) {
                        new %s().initialize(context);
                    }
                }
                """.formatted(packageName, simpleName, initializer.canonicalName());
        Path file = sources.resolve(packageName.replace('.', File.separatorChar)).resolve(simpleName + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    private static void compile(Path sources, Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(path -> path.toString().endsWith(".java")).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home") + ": a JDK is needed");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of("--release", "17", "-parameters", "-proc:none", "-nowarn",
                    "-encoding", "UTF-8", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path")));
            boolean compiled = compiler.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!compiled) {
                StringBuilder errors = new StringBuilder("the generated sources do not compile:");
                for (Diagnostic<? extends JavaFileObject> each : diagnostics.getDiagnostics()) {
                    if (each.getKind() == Diagnostic.Kind.ERROR) {
                        errors.append('\n').append(each);
                    }
                }
                throw new IllegalStateException(errors.toString());
            }
        }
    }

    private static void copyClasses(Path generated, Path classes) throws IOException {
        if (!Files.isDirectory(generated)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(generated)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                Path target = classes.resolve(generated.relativize(file).toString());
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
