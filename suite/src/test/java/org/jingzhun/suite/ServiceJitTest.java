package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directives a service JVM reads: HotSpot parses them, and a hot method they name never reaches C2 while other
 * hot code still does, without inlining it. Each case runs a JVM of its own with {@code -XX:+PrintCompilation} and
 * reads the tiers.
 */
class ServiceJitTest {

    /** A C2 (tier 4) compile of any method of {@code java.lang.invoke.MethodType}, which the list names. */
    private static final Pattern LISTED_AT_C2 = ChildJvm.compiled("4", "java.lang.invoke.MethodType::");
    private static final Pattern OWN_AT_C2 = ChildJvm.compiled("4", HotLoop.class.getName() + "::askType");
    /** C2 compiling {@code askType} leaves the listed method out ({@code -XX:+PrintInlining}'s words). */
    private static final Pattern LISTED_NOT_INLINED = Pattern.compile(
            "java\\.lang\\.invoke\\.MethodType::methodType \\(\\d+ bytes\\)\\s+disallowed by CompileCommand");

    @Test
    void theSuiteWritesTheDirectivesIntoItsDataDirectoryAndHotSpotTakesThem(@TempDir Path dataDir) throws Exception {
        List<String> options = ServiceJit.writeInto(dataDir).orElseThrow();

        Path file = dataDir.resolve(ServiceJit.FILE_NAME);
        assertThat(file).hasContent(ServiceJit.directives());
        assertThat(options).containsExactly("-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + file.toAbsolutePath());
        List<String> printed = new ArrayList<>(options);
        printed.addAll(List.of("-XX:+CompilerDirectivesPrint", "-version"));
        String output = ChildJvm.java(printed);
        assertThat(output).contains("2 compiler directives added");
        for (String pattern : ServiceJit.START_UP_ONLY) {
            assertThat(output).contains(pattern);
        }
        // A start that found the file written before writes it again, whole.
        Files.writeString(file, "[ broken");
        assertThat(ServiceJit.writeInto(dataDir)).contains(options);
        assertThat(file).hasContent(ServiceJit.directives());
    }

    @Test
    void aDirectoryItCannotWriteLeavesTheServicesWithTheJvmsOwnJitAndNoFileBehind(@TempDir Path dataDir)
            throws Exception {
        Path taken = Files.createDirectory(dataDir.resolve(ServiceJit.FILE_NAME));
        Files.writeString(taken.resolve("inside"), "a directory where the file would go");

        assertThat(ServiceJit.writeInto(dataDir)).isEmpty();
        try (var left = Files.list(dataDir)) {
            assertThat(left).containsExactly(taken);
        }
    }

    @Test
    void aListedMethodStaysOutOfC2WhileOtherHotCodeReachesIt(@TempDir Path dataDir) throws Exception {
        List<String> options = new ArrayList<>(ServiceJit.writeInto(dataDir).orElseThrow());

        String output = runHotLoop(options);

        assertThat(output).as(output).doesNotContainPattern(LISTED_AT_C2).containsPattern(OWN_AT_C2)
                .containsPattern(LISTED_NOT_INLINED);
    }

    /** The check above can fail: without the directives the same loop compiles {@code MethodType} with C2. */
    @Test
    void withoutTheDirectivesTheListedMethodReachesC2() throws Exception {
        String output = runHotLoop(new ArrayList<>());

        assertThat(output).as(output).containsPattern(LISTED_AT_C2).containsPattern(OWN_AT_C2)
                .doesNotContainPattern(LISTED_NOT_INLINED);
    }

    private static String runHotLoop(List<String> options) throws IOException, InterruptedException {
        options.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation", "-XX:+PrintInlining",
                "-cp", System.getProperty("java.class.path"), HotLoop.class.getName()));
        return ChildJvm.java(options);
    }

    /** Asks for a {@link MethodType} in a method of its own, far beyond C2's thresholds. */
    static final class HotLoop {

        public static void main(String[] args) {
            long sum = 0;
            for (int i = 0; i < 1_000_000; i++) {
                sum += askType(i);
            }
            System.out.println("sum " + sum);
        }

        static int askType(int i) {
            return MethodType.methodType(int.class, long.class).parameterCount() + spin(i);
        }

        static int spin(int i) {
            int h = i;
            for (int k = 0; k < 8; k++) {
                h = h * 31 + k;
            }
            return h ^ (h >>> 7);
        }
    }
}
