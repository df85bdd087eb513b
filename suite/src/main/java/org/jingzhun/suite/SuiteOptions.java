package org.jingzhun.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The launcher's command line: {@code [--data-dir=DIR] [--demo]} and, for tests and crowded
 * machines, {@code --<service>-port=N}, {@code --postgres-port=N}, {@code --kafka-port=N},
 * {@code --kafka-controller-port=N} (0 = any free port), {@code --service-jvm-options=…};
 * {@code --help} lists them all. Parsed by picocli.
 *
 * @param postgresUnixSocket false when {@code --postgres-over-tcp} was asked for: the services reach PostgreSQL on
 *                           127.0.0.1 even where it has a Unix socket
 * @param classListDir where each service JVM writes the classes it loads (refreshing the class list the build
 *                     archives), or null
 * @param prepare true when {@code --prepare} was asked for: extract the jar and write its class archive, start nothing
 * @param help true when {@code --help} (or {@code -h}) was asked for: print {@link #usage()}, start nothing
 */
record SuiteOptions(Path dataDir, boolean demo, Map<ServiceKind, Integer> servicePorts, int postgresPort,
                    int kafkaPort, int kafkaControllerPort, boolean postgresUnixSocket, List<String> serviceJvmOptions,
                    List<String> kafkaJvmOptions, Path classListDir, boolean prepare, boolean help) {

    static final int DEFAULT_POSTGRES_PORT = 15432;
    static final int DEFAULT_KAFKA_PORT = 19092;
    static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;
    // Serial GC: on a small heap it keeps no remembered sets or marking bitmaps (G1's cost ~44 MB of native
    // memory per service JVM here) and a small initial heap grows only as needed; a young generation of
    // 24 MB (not a third of a heap grown by a replay) and free ratios that let the old one shrink again.
    // Measured in docs/benchmarks.md, "Memory".
    static final String DEFAULT_SERVICE_JVM_OPTIONS =
            "-Xmx512m -Xms64m -Xmn24m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=15";
    // The broker's JVM: the services' small serial heap, and C1 only (5 s less of its CPU in the demo load, its
    // produce rate unchanged). Measured in docs/benchmarks.md, "Kafka in a JVM of its own".
    static final String DEFAULT_KAFKA_JVM_OPTIONS = DEFAULT_SERVICE_JVM_OPTIONS + " -XX:TieredStopAtLevel=1";

    /** The flags as picocli sees them; their spelling is a contract (CONTRACT.md, "Running the suite"). */
    @Command(name = "java -jar jingzhun-suite.jar", sortOptions = false, usageHelpAutoWidth = true,
            description = {"Starts embedded PostgreSQL and Kafka, then the four Jingzhun services, one JVM each.",
                    "Everything is stored under the data directory; SIGTERM (Ctrl-C) stops it all cleanly."},
            footer = {"", "A port of 0 picks any free port. The admin password comes from JINGZHUN_ADMIN_PASSWORD, "
                    + "or is generated once and kept in DIR/admin-password."})
    static final class Flags {
        @Option(names = "--data-dir", paramLabel = "DIR", converter = NonBlankPath.class,
                description = "where PostgreSQL, Kafka and the admin password live (default: ./.jingzhun)")
        Path dataDir = Path.of(".jingzhun");

        @Option(names = "--demo",
                description = "load the demo county through the services' public APIs (HTTP commands, inboxes) once they are up")
        boolean demo;

        @Option(names = "--reporting-port", paramLabel = "PORT", converter = Port.class,
                description = "reporting-service and the dashboard (default: ${DEFAULT-VALUE})")
        int reportingPort = ServiceKind.REPORTING.defaultPort;

        @Option(names = "--organization-port", paramLabel = "PORT", converter = Port.class,
                description = "organization-service (default: ${DEFAULT-VALUE})")
        int organizationPort = ServiceKind.ORGANIZATION.defaultPort;

        @Option(names = "--checklist-port", paramLabel = "PORT", converter = Port.class,
                description = "checklist-service (default: ${DEFAULT-VALUE})")
        int checklistPort = ServiceKind.CHECKLIST.defaultPort;

        @Option(names = "--rectification-port", paramLabel = "PORT", converter = Port.class,
                description = "rectification-service (default: ${DEFAULT-VALUE})")
        int rectificationPort = ServiceKind.RECTIFICATION.defaultPort;

        @Option(names = "--postgres-port", paramLabel = "PORT", converter = Port.class,
                description = "embedded PostgreSQL (default: ${DEFAULT-VALUE})")
        int postgresPort = DEFAULT_POSTGRES_PORT;

        @Option(names = "--kafka-port", paramLabel = "PORT", converter = Port.class,
                description = "embedded Kafka's client listener (default: ${DEFAULT-VALUE})")
        int kafkaPort = DEFAULT_KAFKA_PORT;

        @Option(names = "--kafka-controller-port", paramLabel = "PORT", converter = Port.class,
                description = "embedded Kafka's KRaft controller (default: ${DEFAULT-VALUE})")
        int kafkaControllerPort = DEFAULT_KAFKA_CONTROLLER_PORT;

        @Option(names = "--postgres-over-tcp",
                description = "the services reach PostgreSQL on 127.0.0.1, not through its Unix socket (which "
                        + "they use where the machine has one: a quarter less CPU per statement)")
        boolean postgresOverTcp;

        @Option(names = "--service-jvm-options", paramLabel = "OPTIONS", converter = NonBlank.class,
                description = "JVM options of each service process, space-separated, after the service's own "
                        + "(organization and reporting: -XX:TieredStopAtLevel=1; all four, when the build "
                        + "processed them ahead of time: -Dspring.aot.enabled=true) (default: ${DEFAULT-VALUE})")
        String serviceJvmOptions = DEFAULT_SERVICE_JVM_OPTIONS;

        @Option(names = "--kafka-jvm-options", paramLabel = "OPTIONS", converter = NonBlank.class,
                description = "JVM options of the embedded Kafka broker's process, space-separated "
                        + "(default: ${DEFAULT-VALUE})")
        String kafkaJvmOptions = DEFAULT_KAFKA_JVM_OPTIONS;

        @Option(names = "--class-list-dir", paramLabel = "DIR", converter = NonBlankPath.class,
                description = "write the classes each service loads to DIR/<service>.classlist, mapping no class archive "
                        + "(refreshes the list the build archives: suite/cds/record-class-list.sh)")
        Path classListDir;

        @Option(names = "--prepare",
                description = "extract this jar and write its services' class archive beside it, then exit "
                        + "(the build does it once, so that the first start is as quick as any)")
        boolean prepare;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;
    }

    static SuiteOptions parse(String... args) {
        Flags flags = new Flags();
        try {
            commandLine(flags).parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n\n" + usage(), e);
        }
        Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
        ports.put(ServiceKind.REPORTING, flags.reportingPort);
        ports.put(ServiceKind.ORGANIZATION, flags.organizationPort);
        ports.put(ServiceKind.CHECKLIST, flags.checklistPort);
        ports.put(ServiceKind.RECTIFICATION, flags.rectificationPort);
        return new SuiteOptions(flags.dataDir.toAbsolutePath().normalize(), flags.demo, ports, flags.postgresPort,
                flags.kafkaPort, flags.kafkaControllerPort, !flags.postgresOverTcp,
                new ArrayList<>(List.of(flags.serviceJvmOptions.trim().split("\\s+"))),
                new ArrayList<>(List.of(flags.kafkaJvmOptions.trim().split("\\s+"))),
                flags.classListDir == null ? null : flags.classListDir.toAbsolutePath().normalize(), flags.prepare,
                flags.help);
    }

    /** Every flag with its meaning and default, as {@code --help} prints it. */
    static String usage() {
        return commandLine(new Flags()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine commandLine(Flags flags) {
        // Exactly the contract's spellings: no abbreviations, no case folding.
        return new CommandLine(flags).setAbbreviatedOptionsAllowed(false).setCaseInsensitiveEnumValuesAllowed(false);
    }

    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("must be a port number 0-65535, got '" + value + "'");
        }
    }

    static final class NonBlank implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("needs a value");
            }
            return value;
        }
    }

    static final class NonBlankPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return Path.of(new NonBlank().convert(value));
        }
    }
}
