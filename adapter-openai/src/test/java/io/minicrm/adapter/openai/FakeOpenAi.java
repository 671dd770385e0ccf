package io.minicrm.adapter.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local server speaking OpenAI's chat-completions protocol ({@code POST /v1/chat/completions}), with
 * scripted replies (status, headers, body, delay) and a record of every request it received.
 */
final class FakeOpenAi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, Map<String, String> headers, String body, Duration delay) {
        /** A 200 with the real response shape and {@code content} as the assistant's message. */
        static Reply answer(String content) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            message.put("content", content);
            message.put("refusal", null);
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", 0);
            choice.put("message", message);
            choice.put("logprobs", null);
            choice.put("finish_reason", "stop");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", "chatcmpl-abc123");
            body.put("object", "chat.completion");
            body.put("created", 1_735_000_000L);
            body.put("model", "gpt-4o-mini-2024-07-18");
            body.put("system_fingerprint", "fp_0ba0d124f1");
            body.put("choices", List.of(choice));
            body.put("usage", Map.of("prompt_tokens", 120, "completion_tokens", 40, "total_tokens", 160,
                    "completion_tokens_details", Map.of("reasoning_tokens", 0)));
            return new Reply(200, Map.of("Content-Type", "application/json"), json(body), Duration.ZERO);
        }

        /** An error in OpenAI's shape. */
        static Reply error(int status, String code, String message, Map<String, String> headers) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("message", message);
            err.put("type", status == 429 ? "requests" : "server_error");
            err.put("param", null);
            err.put("code", code);
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("Content-Type", "application/json");
            return new Reply(status, h, json(Map.of("error", err)), Duration.ZERO);
        }

        Reply after(Duration d) {
            return new Reply(status, headers, body, d);
        }
    }

    /** One request as received. */
    record Received(String method, String path, Map<String, String> headers, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages() {
            return (List<Map<String, Object>>) body.get("messages");
        }

        String message(int i) {
            return (String) messages().get(i).get("content");
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private Reply otherwise;

    FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** The base URL clients are configured with, e.g. {@code http://127.0.0.1:1234/v1}. */
    URI baseUrl() {
        return baseUrl("");
    }

    URI baseUrl(String prefix) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix + "/v1");
    }

    synchronized FakeOpenAi then(Reply r) {
        replies.add(r);
        return this;
    }

    /** What to answer when the script is used up. */
    synchronized FakeOpenAi otherwise(Reply r) {
        otherwise = r;
        return this;
    }

    synchronized List<Received> requests() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            byte[] raw = ex.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            @SuppressWarnings("unchecked")
            Map<String, Object> body = raw.length == 0 ? Map.of() : JSON.readValue(raw, Map.class);
            synchronized (this) {
                received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, body));
                reply = replies.isEmpty() ? otherwise : replies.poll();
            }
            if (!ex.getRequestURI().getPath().endsWith("/v1/chat/completions") || !"POST".equals(ex.getRequestMethod())) {
                reply = Reply.error(404, "unknown_url", "Unknown request URL: " + ex.getRequestURI().getPath(), Map.of());
            }
            if (reply == null) {
                reply = Reply.error(500, null, "no scripted reply", Map.of());
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException clientGone) {
            // the client timed out and hung up
        } finally {
            ex.close();
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
