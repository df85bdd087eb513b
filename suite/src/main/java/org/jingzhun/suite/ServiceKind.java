package org.jingzhun.suite;

import java.util.List;

/**
 * The four services the suite runs, with their main class, default port, database and their own JVM options,
 * which come before {@code --service-jvm-options} on the command line (so those can override them).
 *
 * <p>Organization and reporting compile with C1 only ({@code -XX:TieredStopAtLevel=1}): four JVMs starting
 * on two cores spend most of a start in the JIT, C2 the larger part of it, and these two serve neither the
 * write loads (problems, visits and the inboxes go to rectification and checklist, which keep C2) nor much Java
 * work per request (reporting's is mostly PostgreSQL's). Measured: the suite up in 21.0 s instead of 24.2 s, a
 * restart in 18.2 s instead of 23.0 s, the other figures of the same benchmark within the runs' spread
 * (docs/benchmarks.md, "Start-up"). {@code --service-jvm-options="... -XX:TieredStopAtLevel=4"} gives them C2.
 */
enum ServiceKind {
    ORGANIZATION("organization", "org.jingzhun.organization.OrganizationServiceApplication", 8081, "organization",
            Jit.C1_ONLY),
    CHECKLIST("checklist", "org.jingzhun.checklist.ChecklistServiceApplication", 8082, "checklist", List.of()),
    RECTIFICATION("rectification", "org.jingzhun.rectification.RectificationServiceApplication", 8083, "rectification",
            List.of()),
    REPORTING("reporting", "org.jingzhun.reporting.ReportingServiceApplication", 8080, "reporting", Jit.C1_ONLY);

    final String shortName;
    final String mainClass;
    final int defaultPort;
    final String database;
    /** This service's own JVM options, before the suite's. */
    final List<String> jvmOptions;

    ServiceKind(String shortName, String mainClass, int defaultPort, String database, List<String> jvmOptions) {
        this.shortName = shortName;
        this.mainClass = mainClass;
        this.defaultPort = defaultPort;
        this.database = database;
        this.jvmOptions = jvmOptions;
    }

    private static final class Jit {
        static final List<String> C1_ONLY = List.of("-XX:TieredStopAtLevel=1");
    }
}
