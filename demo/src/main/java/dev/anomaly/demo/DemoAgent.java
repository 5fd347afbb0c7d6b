package dev.anomaly.demo;

import com.sun.net.httpserver.HttpServer;
import dev.anomaly.agent.run.AgentRun;
import dev.anomaly.agent.sample.HttpProbe;
import dev.anomaly.agent.sample.OshiCounters;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.EventSink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code demo --agent}: this machine as one more host, read as {@code anomaly agent} reads it, with a health
 * endpoint of its own to time so that its events carry every field the demo's model uses.
 */
final class DemoAgent implements AutoCloseable {
    static final int INTERVAL_MS = 250;
    static final int TRAINING_SECONDS = 20;

    private final HttpServer health;
    private final AgentRun run;
    private final ShutdownSignal stop = ShutdownSignal.manual(() -> { });
    private final Thread running;
    private final String host;
    private final Console console;

    private DemoAgent(HttpServer health, AgentRun run, String host, Console console) {
        this.health = health;
        this.run = run;
        this.host = host;
        this.console = console;
        // A thread of its own: the common pool may have fewer threads than the demo's other tasks.
        this.running = new Thread(this::sample, "demo-agent");
        this.running.setDaemon(true);
        this.running.start();
        console.info("this machine joins as host " + host + ", every " + INTERVAL_MS + " ms");
    }

    private void sample() {
        try {
            run.run(stop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            console.info("warning: this machine's agent stopped: " + e.getMessage());
        }
    }

    static DemoAgent start(EventSink sink, Console console) throws IOException {
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        health.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + health.getAddress().getPort() + "/health");
            String host = thisMachine();
            AgentRun run = new AgentRun(new OshiCounters(), new HttpProbe(url, Duration.ofSeconds(2)), sink, host,
                    Duration.ofMillis(INTERVAL_MS), 0, null, console);
            return new DemoAgent(health, run, host, console);
        } catch (RuntimeException e) {
            health.stop(0);
            throw e;
        }
    }

    String host() {
        return host;
    }

    long sent() {
        return run.sent();
    }

    /** Waits until the agent has sent this many events (or a stop is requested). */
    void awaitSent(long events, ShutdownSignal demoStop) throws InterruptedException {
        while (run.sent() < events && !demoStop.isRequested() && running.isAlive()) {
            demoStop.awaitRequest(Duration.ofMillis(INTERVAL_MS));
        }
    }

    @Override
    public void close() {
        stop.request();
        try {
            running.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            health.stop(0);
        }
    }

    private static String thisMachine() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "this-machine";
        }
    }
}
