package org.jingzhun.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's command line: {@code [--data-dir=DIR] [--demo]} and, for tests and crowded
 * machines, {@code --<service>-port=N}, {@code --postgres-port=N}, {@code --kafka-port=N},
 * {@code --kafka-controller-port=N} (0 = any free port).
 */
record SuiteOptions(Path dataDir, boolean demo, Map<ServiceKind, Integer> servicePorts, int postgresPort,
                    int kafkaPort, int kafkaControllerPort, List<String> serviceJvmOptions) {

    static final int DEFAULT_POSTGRES_PORT = 15432;
    static final int DEFAULT_KAFKA_PORT = 19092;
    static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;

    static SuiteOptions parse(String... args) {
        Path dataDir = Path.of(".jingzhun");
        boolean demo = false;
        Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            ports.put(kind, kind.defaultPort);
        }
        int postgres = DEFAULT_POSTGRES_PORT;
        int kafka = DEFAULT_KAFKA_PORT;
        int controller = DEFAULT_KAFKA_CONTROLLER_PORT;
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--data-dir" -> dataDir = Path.of(require(name, value));
                case "--demo" -> demo = true;
                case "--postgres-port" -> postgres = port(name, value);
                case "--kafka-port" -> kafka = port(name, value);
                case "--kafka-controller-port" -> controller = port(name, value);
                case "--service-jvm-options" -> jvm = List.of(require(name, value).trim().split("\\s+"));
                default -> {
                    ServiceKind kind = serviceOfPortFlag(name);
                    if (kind == null) {
                        throw new IllegalArgumentException("Unknown option " + arg + "\n" + usage());
                    }
                    ports.put(kind, port(name, value));
                }
            }
        }
        return new SuiteOptions(dataDir.toAbsolutePath().normalize(), demo, ports, postgres, kafka, controller, jvm);
    }

    static String usage() {
        return """
                usage: java -jar jingzhun-suite.jar [--data-dir=DIR] [--demo]
                         [--reporting-port=8080] [--organization-port=8081] [--checklist-port=8082]
                         [--rectification-port=8083] [--postgres-port=15432] [--kafka-port=19092]
                         [--kafka-controller-port=19093] [--service-jvm-options="-Xmx512m"]
                  A port of 0 picks any free port. Everything is stored under DIR (default ./.jingzhun).""";
    }

    private static ServiceKind serviceOfPortFlag(String name) {
        for (ServiceKind kind : ServiceKind.values()) {
            if (name.equals("--" + kind.shortName + "-port")) {
                return kind;
            }
        }
        return null;
    }

    private static String require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value, e.g. " + name + "=…\n" + usage());
        }
        return value;
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(require(name, value));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number 0-65535, got " + value);
        }
    }
}
