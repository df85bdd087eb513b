package org.jingzhun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.PreDestroy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring application in a JVM of its own, started as the suite starts a service: with {@link StopWhenInputEnds#ENV}
 * it shuts down gracefully when the end of its standard input says its parent is gone; without it, it does not watch.
 */
class StopWhenInputEndsTest {

    @Test
    void withTheSwitchOnTheApplicationShutsDownGracefullyWhenItsInputEnds() throws Exception {
        Process child = start(true);
        List<String> output = new ArrayList<>();
        try {
            BufferedReader reader = readerOf(child);
            readUntil(reader, "STARTED", output);
            assertThat(output).contains("WATCHING true");
            child.getOutputStream().close();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exited after its input ended: %s", output).isTrue();
            reader.lines().forEach(output::add);
            assertThat(child.exitValue()).isZero();
            assertThat(String.join("\n", output)).contains("Standard input ended").contains("CONTEXT CLOSED");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void withoutTheSwitchTheInputIsNotWatched() throws Exception {
        Process child = start(false);
        List<String> output = new ArrayList<>();
        try {
            readUntil(readerOf(child), "STARTED", output);
            assertThat(output).contains("WATCHING false");
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process start(boolean watch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove(StopWhenInputEnds.ENV);
        if (watch) {
            builder.environment().put(StopWhenInputEnds.ENV, "true");
        }
        return builder.start();
    }

    private static BufferedReader readerOf(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void readUntil(BufferedReader reader, String marker, List<String> output) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            output.add(line);
            if (line.equals(marker)) {
                return;
            }
        }
        throw new AssertionError("the child ended before printing " + marker + ": " + output);
    }

    /** The child: an application with nothing in it but a bean that says when the context closes. */
    public static final class Child {

        public static void main(String[] args) throws InterruptedException {
            new SpringApplicationBuilder(ChildConfiguration.class).web(WebApplicationType.NONE)
                    .properties("spring.main.banner-mode=off").run(args);
            System.out.println("WATCHING " + StopWhenInputEnds.watching());
            System.out.println("STARTED");
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ChildConfiguration {

        @Bean
        Closing closing() {
            return new Closing();
        }
    }

    static final class Closing {

        @PreDestroy
        void closed() {
            System.out.println("CONTEXT CLOSED");
            System.out.flush();
        }
    }
}
