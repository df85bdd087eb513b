package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The directive changes the JIT of the whole JVM for good, so each case runs in a JVM of its own
 * ({@link HotLoop}) with {@code -XX:+PrintCompilation}, and reads which tiers compiled its hot method.
 */
class LauncherJitTest {

    private static final Pattern C2_COMPILED = Pattern.compile("(?m)^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s4\\s+"
            + Pattern.quote(HotLoop.class.getName()) + "::hot\\b");
    private static final Pattern C1_COMPILED = Pattern.compile("(?m)^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s[123]\\s+"
            + Pattern.quote(HotLoop.class.getName()) + "::hot\\b");

    @Test
    void aHotMethodIsCompiledByC1OnlyOnceTheDirectiveIsTaken() throws Exception {
        String output = runHotLoop(true);

        assertThat(output).as(output).contains("directive taken: true");
        assertThat(output).as(output).containsPattern(C1_COMPILED).doesNotContainPattern(C2_COMPILED);
    }

    /** The check above can fail: the same loop without the directive reaches C2. */
    @Test
    void withoutTheDirectiveTheSameMethodReachesC2() throws Exception {
        String output = runHotLoop(false);

        assertThat(output).as(output).containsPattern(C2_COMPILED);
    }

    private static String runHotLoop(boolean leaveC2Out) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-XX:+PrintCompilation", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), HotLoop.class.getName(), Boolean.toString(leaveC2Out)))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** Calls {@link #hot} far beyond C2's thresholds (5,000 invocations, 40,000 back-edges at tier 3). */
    static final class HotLoop {

        public static void main(String[] args) {
            if (Boolean.parseBoolean(args[0])) {
                System.out.println("directive taken: " + LauncherJit.leaveC2Out());
            }
            long sum = 0;
            for (int i = 0; i < 2_000_000; i++) {
                sum += hot(i);
            }
            System.out.println("sum " + sum);
        }

        static int hot(int i) {
            int h = i;
            for (int k = 0; k < 8; k++) {
                h = h * 31 + k;
            }
            return h ^ (h >>> 7);
        }
    }
}
