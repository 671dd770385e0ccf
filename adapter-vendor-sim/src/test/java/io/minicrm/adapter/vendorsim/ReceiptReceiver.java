package io.minicrm.adapter.vendorsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays our {@code POST /api/receipt}: a JDK HTTP server that checks every callback's signature with its own
 * HMAC code (independent of {@link ReceiptSigner}), parses the body as a plain JSON tree, and answers with a
 * status chosen per call (by call number, starting at 1).
 */
final class ReceiptReceiver implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final String secret;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicInteger calls = new AtomicInteger();
    private final List<JsonNode> accepted = new ArrayList<>(); // guarded by itself
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile IntUnaryOperator statusForCall = n -> 200;

    ReceiptReceiver(String secret) throws IOException {
        this(secret, 0);
    }

    ReceiptReceiver(String secret, int port) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(pool);
        server.createContext("/api/receipt", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/receipt");
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answer with {@code f(callNumber)}. */
    void answer(IntUnaryOperator f) {
        this.statusForCall = f;
    }

    /** Receipts of the callbacks answered 2xx, in arrival order (one entry per receipt). */
    List<JsonNode> receipts() {
        synchronized (accepted) {
            return new ArrayList<>(accepted);
        }
    }

    int receiptCount() {
        synchronized (accepted) {
            return accepted.size();
        }
    }

    int calls() {
        return calls.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int call = calls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!validSignature(exchange.getRequestHeaders().getFirst("X-Vendor-Signature"), body)) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            int status = statusForCall.applyAsInt(call);
            if (status / 100 == 2) {
                JsonNode tree = json.readTree(body);
                synchronized (accepted) {
                    if (tree.has("receipts")) {
                        tree.get("receipts").forEach(accepted::add);
                    } else {
                        accepted.add(tree);
                    }
                }
            } else {
                refused.incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** t=<seconds>,v1=<hex HMAC-SHA256 over "t.body">, within 300 s. */
    private boolean validSignature(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        long age = System.currentTimeMillis() / 1000 - Long.parseLong(t);
        if (Math.abs(age) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = t + "." + new String(body, StandardCharsets.UTF_8);
            byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
