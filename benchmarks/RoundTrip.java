/*
 * What one round trip with PostgreSQL costs each side, through 127.0.0.1 and through the server's Unix socket
 * (how the suite's services reach its PostgreSQL since stop 42): prepared single-row SELECTs one after the
 * other, the client thread's CPU (ThreadMXBean) and the server backend's (/proc/<pid>/stat, so on the same
 * Linux host as the server) per round trip, the two ways interleaved.
 *
 *   java -cp 'LIBS/*' benchmarks/RoundTrip.java [--port=15432] [--socket=/tmp/.s.PGSQL.15432]
 *        [--round-trips=40000] [--pairs=3]
 *
 * LIBS holds the PostgreSQL JDBC driver and junixsocket-common and junixsocket-native-common (all in the suite
 * jar: unzip -j suite/target/jingzhun-suite.jar 'BOOT-INF/lib/postgresql-*' 'BOOT-INF/lib/junixsocket-*').
 * Connects as postgres without a password (the suite's embedded server) to the database postgres.
 */

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

public class RoundTrip {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        int port = Integer.parseInt(options.getOrDefault("port", "15432"));
        String socket = options.getOrDefault("socket", "/tmp/.s.PGSQL." + port);
        int roundTrips = Integer.parseInt(options.getOrDefault("round-trips", "40000"));
        int pairs = Integer.parseInt(options.getOrDefault("pairs", "3"));
        String tcp = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        String unix = "jdbc:postgresql://localhost/postgres?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg"
                + "&socketFactoryArg=" + socket + "&sslmode=disable";
        for (int pair = 0; pair < pairs; pair++) {
            measure("tcp ", tcp, roundTrips);
            measure("unix", unix, roundTrips);
        }
    }

    private static void measure(String label, String url, int roundTrips) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMPORARY TABLE round_trip (id BIGINT PRIMARY KEY, v TEXT)");
                statement.execute("INSERT INTO round_trip SELECT g, 'x' FROM generate_series(0, 999) g");
            }
            int backend;
            try (Statement statement = connection.createStatement();
                    ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                backend = pid.getInt(1);
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT v FROM round_trip WHERE id = ?")) {
                run(select, roundTrips / 4); // warm-up: the client's JIT, the server's plan
                long client = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long server = cpuMillis(backend);
                long started = System.nanoTime();
                run(select, roundTrips);
                double wall = (System.nanoTime() - started) / 1e3 / roundTrips;
                double clientMicros = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - client) / 1e3 / roundTrips;
                double serverMicros = (cpuMillis(backend) - server) * 1e3 / roundTrips;
                System.out.printf("%s  %,d round trips: wall %.1f µs, client thread CPU %.1f µs, backend CPU %.1f µs each%n",
                        label, roundTrips, wall, clientMicros, serverMicros);
            }
        }
    }

    private static void run(PreparedStatement select, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            select.setLong(1, i % 1000);
            try (ResultSet row = select.executeQuery()) {
                row.next();
            }
        }
    }

    /** A process's user + system CPU time in milliseconds (clock ticks of 10 ms). */
    private static long cpuMillis(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
