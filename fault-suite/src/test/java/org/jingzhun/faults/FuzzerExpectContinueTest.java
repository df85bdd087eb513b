package org.jingzhun.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The fuzzer's second look at a cut request: sent again with Expect: 100-continue over a plain socket. */
class FuzzerExpectContinueTest {

    private static final byte[] BODY = "{\"x\":\"aaaa\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsAnAnswerGivenBeforeTheBodyWithoutSendingIt() throws Exception {
        List<String> received = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> answer(server, received, false,
                    "HTTP/1.1 400 \r\nContent-Type: application/problem+json\r\nContent-Length: 14\r\nConnection: close\r\n\r\n{\"status\":400}"));
            int status = Fuzzer.answerWithExpectContinue(URI.create("http://localhost:" + server.getLocalPort()), "POST",
                    "/api/problems/%00/deadline", "application/json", BODY);
            answering.get();
            assertThat(status).isEqualTo(400);
            assertThat(received.get(0)).isEqualTo("POST /api/problems/%00/deadline HTTP/1.1");
            assertThat(received).contains("Expect: 100-continue", "Content-Length: " + BODY.length)
                    .anyMatch(line -> line.startsWith("Authorization: Basic "));
        }
    }

    @Test
    void sendsTheBodyAfterA100AndReadsTheFinalAnswer() throws Exception {
        List<String> received = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> answer(server, received, true,
                    "HTTP/1.1 422 \r\nContent-Length: 14\r\n\r\n{\"status\":422}"));
            int status = Fuzzer.answerWithExpectContinue(URI.create("http://localhost:" + server.getLocalPort()), "POST",
                    "/api/problems", "application/json", BODY);
            answering.get();
            assertThat(status).isEqualTo(422);
            assertThat(received.get(received.size() - 1)).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
        }
    }

    @Test
    void anAnswerThatIsNotAProblemOrNoAnswerIsMinusOne() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> answer(server, new ArrayList<>(), false,
                    "HTTP/1.1 400 \r\nContent-Length: 2\r\n\r\nno"));
            assertThat(Fuzzer.answerWithExpectContinue(URI.create("http://localhost:" + server.getLocalPort()), "POST",
                    "/api/problems", "application/json", BODY)).isEqualTo(-1);
            answering.get();
        }
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept()) {
                    // closes without a word
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(Fuzzer.answerWithExpectContinue(URI.create("http://localhost:" + server.getLocalPort()), "POST",
                    "/api/problems", "application/json", BODY)).isEqualTo(-1);
            closing.get();
        }
    }

    private static void answer(ServerSocket server, List<String> received, boolean continueFirst, String answer) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                received.add(line);
            }
            OutputStream out = socket.getOutputStream();
            if (continueFirst) {
                out.write("HTTP/1.1 100 \r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                char[] body = new char[BODY.length];
                int read = 0;
                while (read < body.length) {
                    read += in.read(body, read, body.length - read);
                }
                received.add(new String(body));
            }
            out.write(answer.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
