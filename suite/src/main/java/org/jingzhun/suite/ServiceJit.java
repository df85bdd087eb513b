package org.jingzhun.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps the services' C2 compiler off the code that only their start runs: compiler directives ({@code
 * -XX:CompilerDirectivesFile}) exclude {@link #START_UP_ONLY} from C2, as compiles of their own and inlined into
 * others, so those methods stay with C1 (after profiling, C1 without profiling — what {@code -XX:TieredStopAtLevel=1}
 * compiles) while everything else compiles as before. Checklist and rectification keep C2 for their commands;
 * organization and reporting have C1 only, where the directives change nothing.
 *
 * <p>Why these (docs/benchmarks.md, "C2 kept off the start's own code"): at a start most of a writing service's C2
 * time went to a few dozen very large compiles (50–70 KB of code each) of Spring's annotation scanning, bean factory
 * and property binding, the JDK's ASM (lambdas spun at start), reflection's annotation parsing, the class loader's
 * jar look-ups, Axon's handler inspection and Flyway — code that a command then hardly runs: under the benchmark's
 * loads ~1–2 % of a writing service's CPU samples pass through any of it (async-profiler). Excluding those
 * methods alone moved C2's largest compiles to their callers, which inlined them; hence the second directive. A
 * matched method is "not compilable at C2" for the JVM's life, so a pattern here must name code that is never a
 * command's hot path.
 */
final class ServiceJit {

    /** HotSpot's method patterns ({@code package/Class.method}, {@code *} at a name's end), measured as above. */
    static final List<String> START_UP_ONLY = List.of(
            "org/springframework/core/annotation/*.*",
            "org/springframework/core/BridgeMethodResolver*.*",
            "org/springframework/beans/*.*",
            "org/springframework/boot/context/*.*",
            "org/springframework/transaction/annotation/*.*",
            "org/springframework/util/ReflectionUtils*.*",
            "org/axonframework/common/annotation/*.*",
            "org/flywaydb/*.*",
            "jdk/internal/org/objectweb/asm/*.*",
            "jdk/internal/loader/*.*",
            "java/util/jar/*.*",
            "java/lang/invoke/MethodType*.*",
            "java/lang/invoke/MemberName*.*",
            "sun/invoke/*.*",
            "java/lang/reflect/AccessibleObject.getAnnotations",
            "java/lang/reflect/Executable.declaredAnnotations",
            "java/lang/reflect/Method.getDeclaredAnnotations",
            "java/lang/Class.getMethodsRecursive",
            "java/lang/Class.getDeclaredAnnotations",
            "sun/reflect/annotation/*.*",
            "sun/reflect/generics/*.*");

    /** The file the suite writes into its data directory for the services' JVMs to read. */
    static final String FILE_NAME = "service-jit.json";

    private ServiceJit() {
    }

    /**
     * {@link #START_UP_ONLY} as HotSpot's compiler directives (JSON with unquoted keys): the first excludes those
     * methods from C2 as compiles of their own, the second keeps C2 from inlining them into any other method's
     * compile (without it, C2's largest compiles at a start moved to the callers, lambdas and reflection around them).
     */
    static String directives() {
        return "[ {\n  match: " + list(START_UP_ONLY, "") + ",\n  c2: { Exclude: true }\n}, {\n"
                + "  match: \"*.*\",\n  c2: { inline: " + list(START_UP_ONLY, "-") + " }\n} ]\n";
    }

    private static String list(List<String> patterns, String prefix) {
        return patterns.stream().map(pattern -> "    \"" + prefix + pattern + "\"")
                .collect(Collectors.joining(",\n", "[\n", "\n  ]"));
    }

    /** The JVM options that make a JVM read the directives in {@code file}. */
    static List<String> options(Path file) {
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + file.toAbsolutePath());
    }

    /**
     * Writes {@link #directives()} to {@code directory}/{@value #FILE_NAME} (again at each start: it follows the
     * jar, not the data) and returns the options that load it; empty when it could not be written, and the services
     * then start with the JVM's own JIT.
     */
    static Optional<List<String>> writeInto(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Path writing = null;
        try {
            writing = Files.createTempFile(directory, FILE_NAME, ".writing");
            Files.writeString(writing, directives(), StandardCharsets.UTF_8);
            Files.move(writing, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(options(file));
        } catch (IOException | RuntimeException e) {
            try {
                if (writing != null) {
                    Files.deleteIfExists(writing);
                }
            } catch (IOException ignored) {
                // Nothing else to do: the services start with the JVM's own JIT.
            }
            return Optional.empty();
        }
    }
}
