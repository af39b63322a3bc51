package org.movetimeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports on 127.0.0.1 for the benchmark's and the chaos soak's processes. On a machine shared with other developers a
 * port that was free when the soak began may be taken by the time a part is restarted, and a stranger's broker or
 * service answering there would pass for ours; so every (re)start checks first.
 */
final class LocalPorts {

    private LocalPorts() {
    }

    /** {@code n} distinct ports that are free now (held open together while they are picked). */
    static List<Integer> free(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // only picked, never used
                }
            }
        }
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** @throws IllegalStateException naming {@code what} if the port is taken */
    static void requireFree(int port, String what) {
        if (listening(port)) {
            throw new IllegalStateException("port " + port + " (" + what + ") is in use by another process: stop it, or"
                    + " leave the CHAOS_*_PORT variables unset so that the soak picks free ports");
        }
    }
}
