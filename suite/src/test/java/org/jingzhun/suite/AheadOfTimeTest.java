package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.jingzhun.platform.aot.ServiceAotProcessor;
import org.junit.jupiter.api.Test;

/**
 * The four services' jars, as the suite's jar nests them: each processed ahead of time, its generated classes
 * named for it, so that one class path holds all four without one service's bean definitions serving another.
 * (From classes directories — a reactor build before {@code package} — there is no jar to look into.)
 */
class AheadOfTimeTest {

    @Test
    void everyServiceJarHoldsItsOwnGeneratedClassesAndNoneOfAnothers() throws IOException, URISyntaxException {
        Map<String, ServiceKind> owners = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (ServiceKind kind : ServiceKind.values()) {
            URL main = ServiceLaunch.class.getClassLoader().getResource(kind.mainClass.replace('.', '/') + ".class");
            assertThat(main).as(kind.mainClass).isNotNull();
            assumeThat(main.getProtocol()).as("%s from a jar", kind.mainClass).isEqualTo("jar");

            assertThat(ServiceLaunch.processedAheadOfTime(kind)).as(kind.name()).isTrue();
            String prefix = kind.mainClass.substring(kind.mainClass.lastIndexOf('.') + 1).replace("Application", "");
            String entry = kind.mainClass.replace('.', '/') + ServiceAotProcessor.INITIALIZER_SUFFIX + ".class";
            List<String> generated = new ArrayList<>();
            try (JarFile jar = new JarFile(Path.of(((JarURLConnection) main.openConnection()).getJarFileURL().toURI()).toFile())) {
                for (JarEntry each : jar.stream().toList()) {
                    String name = each.getName();
                    if (name.endsWith(".class") && name.contains("__")) {
                        generated.add(name);
                        ServiceKind other = owners.put(name, kind);
                        if (other != null) {
                            clashes.add(name + " in " + other + " and " + kind);
                        }
                    }
                }
            }
            // Axon's aggregate factories, our configurations, the initializer: all named for this service.
            assertThat(generated).as(kind.name()).hasSizeGreaterThan(100).contains(entry)
                    .allSatisfy(name -> assertThat(name.equals(entry) || name.contains("__" + prefix)).as(name).isTrue());
        }
        assertThat(clashes).isEmpty();
    }
}
