package dev.anomaly.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 standing in for Slack: an incoming webhook at a secret-looking path and
 * the Web API's chat.postMessage. A script decides each answer; every request is recorded with its arrival
 * time and the answer it got.
 */
public final class FakeSlack implements AutoCloseable {
    /** The secret part of the webhook URL, as Slack's look: /services/TEAM/BOT/KEY. */
    public static final String WEBHOOK_PATH = "/services/T0ALERTS1/B0HOOK42/Zm9vYmFyc2VjcmV0d2ViaG9vaw";
    public static final String API_PATH = "/api/chat.postMessage";
    /** The ts of the first message the Web API accepts (ids count up from it). */
    public static final String FIRST_TS = "1700000001.000100";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "7 anomalies on web-1 in 12 s", "46 more anomalies on web-1", "1 anomaly on web-1,". */
    private static final Pattern COUNT = Pattern.compile("(\\d+) (?:more )?anomal(?:y|ies) on ([^, ]+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Request> requests = new ArrayList<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000L);
    private volatile Script script = Script.ALWAYS_OK;
    private long firstRequestNanos;

    /** How the stand-in answers the {@code index}-th request (from 0), {@code since} the first one arrived. */
    @FunctionalInterface
    public interface Script {
        Script ALWAYS_OK = (index, since) -> Answer.accept();

        Answer answer(int index, Duration since);
    }

    /**
     * An answer.
     *
     * @param status HTTP status
     * @param error Slack's error code (webhook: the body; Web API: {"ok":false,"error":...} with status 200)
     * @param retryAfter a Retry-After header value, or null
     * @param hang hold the answer until the server closes (the client times out first)
     */
    public record Answer(int status, String error, String retryAfter, boolean hang) {
        public static Answer accept() {
            return new Answer(200, null, null, false);
        }

        public static Answer serverError() {
            return new Answer(500, "rollup_error", null, false);
        }

        public static Answer tooManyRequests(long retryAfterSeconds) {
            return new Answer(429, "rate_limited", Long.toString(retryAfterSeconds), false);
        }

        /** A 4xx from the webhook with Slack's error code as body; for the Web API, ok:false with status 200. */
        public static Answer rejected(int webhookStatus, String error) {
            return new Answer(webhookStatus, error, null, false);
        }

        public static Answer noAnswer() {
            return new Answer(200, null, null, true);
        }

        boolean accepted() {
            return status == 200 && error == null && !hang;
        }
    }

    /**
     * A request as it arrived.
     *
     * @param arrivalNanos System.nanoTime() when the handler started
     * @param path the request path
     * @param authorization the Authorization header, or null
     * @param body the JSON body
     * @param answer what it got
     */
    public record Request(long arrivalNanos, String path, String authorization, JsonNode body, Answer answer) {
        /** The message's fallback text. */
        public String text() {
            return body.path("text").asText();
        }

        public boolean accepted() {
            return answer.accepted();
        }
    }

    private FakeSlack(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a stand-in on an ephemeral port of 127.0.0.1. */
    public static FakeSlack start() {
        try {
            return new FakeSlack(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decides the answers from now on. */
    public void script(Script newScript) {
        this.script = newScript;
    }

    /** The webhook URL: a secret, like a real one. */
    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + WEBHOOK_PATH;
    }

    /** The base URL for --slack-api-url. */
    public String apiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests Slack would have posted. */
    public List<Request> accepted() {
        return requests().stream().filter(Request::accepted).toList();
    }

    /** Anomalies reported per host: the counts in the accepted alert and repeat messages. */
    public Map<String, Integer> reportedPerHost() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Request request : accepted()) {
            if (request.text().startsWith("\u2705")) {
                continue;
            }
            Matcher matcher = COUNT.matcher(request.text());
            if (!matcher.find()) {
                throw new AssertionError("no count in " + request.text());
            }
            counts.merge(matcher.group(2), Integer.parseInt(matcher.group(1)), Integer::sum);
        }
        return counts;
    }

    /** Gaps between the arrivals of consecutive requests. */
    public List<Duration> gapsBetweenRequests() {
        List<Request> all = requests();
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            gaps.add(Duration.ofNanos(all.get(i).arrivalNanos() - all.get(i - 1).arrivalNanos()));
        }
        return gaps;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        try (exchange) {
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                body = JSON.readTree(in.readAllBytes());
            }
            String path = exchange.getRequestURI().getPath();
            Answer answer;
            synchronized (requests) {
                if (requests.isEmpty()) {
                    firstRequestNanos = arrival;
                }
                answer = script.answer(requests.size(), Duration.ofNanos(arrival - firstRequestNanos));
                if (answer.accepted() && !fitsBlockKit(body)) {
                    // As Slack does: a message whose blocks break Block Kit's limits is refused.
                    answer = Answer.rejected(400, "invalid_blocks");
                }
                requests.add(new Request(arrival, path, exchange.getRequestHeaders().getFirst("Authorization"), body,
                        answer));
            }
            if (!path.equals(WEBHOOK_PATH) && !path.equals(API_PATH)) {
                respond(exchange, 404, "text/plain", "no_service");
                return;
            }
            if (answer.hang()) {
                closing.await(60, TimeUnit.SECONDS);
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            if (path.equals(WEBHOOK_PATH)) {
                respond(exchange, answer.status(), "text/plain", answer.error() == null ? "ok" : answer.error());
            } else if (answer.error() == null) {
                respond(exchange, answer.status(), "application/json", "{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\""
                        + ts.incrementAndGet() + ".000100\"}");
            } else {
                int status = answer.status() >= 400 && answer.status() < 500 && answer.status() != 429
                        ? 200 : answer.status();
                respond(exchange, status, "application/json", "{\"ok\":false,\"error\":\"" + answer.error() + "\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Block Kit's limits on what the alerter sends: header 150, section 3,000, field and context 2,000 chars. */
    static boolean fitsBlockKit(JsonNode body) {
        JsonNode blocks = body.path("blocks");
        if (blocks.size() > 50 || body.path("text").asText().length() > 40_000) {
            return false;
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asText();
            if (type.equals("header") && block.at("/text/text").asText().length() > 150) {
                return false;
            }
            if (type.equals("section") && block.at("/text/text").asText().length() > 3000) {
                return false;
            }
            for (JsonNode item : block.path("fields")) {
                if (item.path("text").asText().length() > 2000) {
                    return false;
                }
            }
            for (JsonNode element : block.path("elements")) {
                if (element.path("text").asText().length() > 2000) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
