package org.jingzhun.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks free TCP ports on the loopback interface.
 *
 * <p>A port is free when this method returns; another process could still take it before the
 * caller binds it. That window is short and acceptable for a launcher and for tests.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns the requested ports, each {@code 0} replaced by a distinct free port.
     *
     * @param requested ports, {@code 0} meaning "any free port"
     * @return a new array of the same length, with no zero left
     */
    public static int[] resolve(int... requested) {
        int[] resolved = requested.clone();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < resolved.length; i++) {
                if (resolved[i] < 0 || resolved[i] > 65_535) {
                    throw new IllegalArgumentException("Not a TCP port: " + resolved[i]);
                }
                if (resolved[i] == 0) {
                    // Keep every socket open until all are chosen, so two zeros never get the same port.
                    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    held.add(socket);
                    resolved[i] = socket.getLocalPort();
                }
            }
            return resolved;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Nothing useful to do: the port is released when the socket is collected.
                }
            }
        }
    }

    /**
     * Returns {@code port}, or a free port when it is {@code 0}.
     *
     * @param port a port, {@code 0} meaning "any free port"
     * @return a non-zero port
     */
    public static int orFree(int port) {
        return resolve(port)[0];
    }
}
