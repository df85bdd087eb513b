package org.jingzhun.suite;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * The launcher's own JVM compiles with C1 only. It is started by the user's {@code java -jar}, so it cannot be
 * given {@code -XX:TieredStopAtLevel=1}; what the JVM does take at run time is a compiler directive, added here
 * through the {@code DiagnosticCommand} MBean ({@code jcmd Compiler.directives_add}): every method excluded from
 * C2. A method the tiered policy would hand to C2 is then compiled by C1 again, without profiling (what
 * {@code TieredStopAtLevel=1} compiles at once). The launcher starts PostgreSQL and Kafka, pipes the services'
 * output and drives the demo loader; its C2 compiler spent half of its CPU at a start (~2 of ~4 CPU seconds,
 * mostly Spring Boot's nested-jar class loading and string handling, on the two cores the services start on),
 * while the demo's own load ran no slower on C1 code (docs/benchmarks.md, "The launcher on C1").
 */
final class LauncherJit {

    /** Every method, C2 left out (the JSON5-like syntax of HotSpot's compiler directives). */
    static final String DIRECTIVES = "[ { match: \"*.*\", c2: { Exclude: true } } ]";

    private LauncherJit() {
    }

    /**
     * Adds {@link #DIRECTIVES} to this JVM's directive stack; a JVM without the command (another vendor) keeps its
     * JIT as it is, as does one whose directive could not be written.
     *
     * @return whether the JVM took the directive
     */
    static boolean leaveC2Out() {
        try {
            Path file = Files.createTempFile("jingzhun-launcher-jit", ".json");
            try {
                Files.writeString(file, DIRECTIVES);
                Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                        new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
                return String.valueOf(answer).contains("1 compiler directives added");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
