package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherHeapTest {

    @Test
    void setsTheFlagsThatLetTheLaunchersHeapShrink() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        Map<String, String> before = new HashMap<>();
        LauncherHeap.FLAGS.keySet().forEach(flag -> before.put(flag, hotspot.getVMOption(flag).getValue()));
        try {
            LauncherHeap.giveMemoryBack();
            assertThat(hotspot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");
            assertThat(hotspot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");
            assertThat(hotspot.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo("30000");
        } finally {
            // This test's JVM is shared with the others: leave its flags as they were (Max first: it may rise).
            hotspot.setVMOption("MaxHeapFreeRatio", before.get("MaxHeapFreeRatio"));
            hotspot.setVMOption("MinHeapFreeRatio", before.get("MinHeapFreeRatio"));
            hotspot.setVMOption("G1PeriodicGCInterval", before.get("G1PeriodicGCInterval"));
        }
    }
}
