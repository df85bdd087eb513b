package org.jingzhun.suite;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The launcher's own JVM is started by the user's {@code java -jar}, with no heap options: G1 may then grow its
 * heap to a quarter of the machine's memory (under the demo loader, which runs in it) and keeps what it grew.
 * These manageable flags, set at start, let it give memory back: G1 shrinks the heap to at most 30 % free after
 * a collection cycle, and an idle launcher runs such a cycle every 30 s. (Kafka, which ran in this JVM until
 * stop 32, has a JVM of its own with explicit options: {@link KafkaProcess}.)
 */
final class LauncherHeap {

    static final Map<String, String> FLAGS = Map.of(
            "MinHeapFreeRatio", "10",
            "MaxHeapFreeRatio", "30",
            "G1PeriodicGCInterval", "30000");

    private LauncherHeap() {
    }

    /** Sets {@link #FLAGS} on this JVM; a JVM that has no such flag (another vendor, another collector) keeps its own. */
    static void giveMemoryBack() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        // Min before Max: the JVM refuses a MaxHeapFreeRatio below the current MinHeapFreeRatio.
        for (String flag : new String[] {"MinHeapFreeRatio", "MaxHeapFreeRatio", "G1PeriodicGCInterval"}) {
            try {
                hotspot.setVMOption(flag, FLAGS.get(flag));
            } catch (RuntimeException e) {
                // not this JVM's flag: nothing to give back that way
            }
        }
    }
}
