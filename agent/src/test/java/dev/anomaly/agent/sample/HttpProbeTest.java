package dev.anomaly.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
    // Generous: the answered probe must not fail on a loaded CI machine; failures are provoked otherwise.
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            byte[] body = "fine".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/trickle", exchange -> {
            // Headers at once, then one byte of ten and nothing more until the test ends.
            exchange.sendResponseHeaders(200, 10);
            exchange.getResponseBody().write('x');
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void aBodyThatNeverEndsIsAFailureOnceTheTimeoutIsOver() {
        HttpProbe probe = new HttpProbe(url("/trickle"), Duration.ofMillis(500));

        assertThat(probe.probe()).isEqualTo(500);
        assertThat(probe.failures()).isEqualTo(1);
        assertThat(probe.lastFailure()).contains("no complete answer");
    }

    @Test
    void anAnsweredProbeIsItsTimeAndNoFailure() {
        HttpProbe probe = new HttpProbe(url("/ok"), TIMEOUT);

        double millis = probe.probe();

        assertThat(millis).isPositive().isLessThanOrEqualTo(TIMEOUT.toMillis());
        assertThat(probe.failures()).isZero();
    }

    @Test
    void aServerErrorAndARefusedConnectionAreFailuresRecordedAsTheTimeout() throws IOException {
        HttpProbe broken = new HttpProbe(url("/broken"), TIMEOUT);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpProbe refused = new HttpProbe(URI.create("http://127.0.0.1:" + closedPort + "/"), TIMEOUT);

        assertThat(broken.probe()).isEqualTo(TIMEOUT.toMillis());
        assertThat(refused.probe()).isEqualTo(TIMEOUT.toMillis());
        assertThat(broken.failures()).isEqualTo(1);
        assertThat(broken.lastFailure()).isEqualTo("HTTP 503");
        assertThat(refused.failures()).isEqualTo(1);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
