package org.jingzhun.faults;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** POSIX signals by pid through {@code kill(1)}: the JDK can send only SIGTERM and SIGKILL. */
final class Signals {

    private Signals() {
    }

    static void send(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }
}
