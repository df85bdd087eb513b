package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A process the tests start and read whole: a JVM of this JDK, or any command; its output and exit value. */
final class ChildJvm {

    /** This JDK's {@code java}. */
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    record Ran(int exitValue, String output) {
    }

    private ChildJvm() {
    }

    /** Runs {@code command} to its end, standard error merged into its output. */
    static Ran run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(process.waitFor(), output);
    }

    /** Runs {@link #JAVA} with {@code arguments}, asserts that it exited 0, and returns its output. */
    static String java(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(arguments);
        Ran ran = run(command);
        assertThat(ran.exitValue()).as(ran.output()).isZero();
        return ran.output();
    }

    /**
     * A line of {@code -XX:+PrintCompilation} compiling {@code method} ({@code Class::name}, or a prefix of it ending
     * in {@code ::}) at one of {@code tiers} (a regex character class, {@code [123]}, or one digit).
     */
    static Pattern compiled(String tiers, String method) {
        return Pattern.compile("(?m)^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s" + tiers + "\\s+" + Pattern.quote(method)
                + (method.endsWith("::") ? "" : "\\b"));
    }
}
