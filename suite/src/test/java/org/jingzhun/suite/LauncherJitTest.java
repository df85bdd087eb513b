package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The directive changes the JIT of the whole JVM for good, so each case runs in a JVM of its own
 * ({@link HotLoop}) with {@code -XX:+PrintCompilation}, and reads which tiers compiled its hot method.
 */
class LauncherJitTest {

    private static final Pattern C2_COMPILED = ChildJvm.compiled("4", HotLoop.class.getName() + "::hot");
    private static final Pattern C1_COMPILED = ChildJvm.compiled("[123]", HotLoop.class.getName() + "::hot");

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
        return ChildJvm.java(List.of("-XX:+PrintCompilation", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), HotLoop.class.getName(), Boolean.toString(leaveC2Out)));
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
