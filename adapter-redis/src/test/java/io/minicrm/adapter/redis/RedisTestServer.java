package io.minicrm.adapter.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server for tests: the binary shipped in {@code com.github.codemonstur:embedded-redis}, run as a child
 * process on a free port, which a test can stop (SIGTERM), kill (SIGKILL) and start again on the same port and data
 * directory. {@link #sharedUrl()} is {@code REDIS_URL} when set, else one such server shared by the test JVM.
 */
public final class RedisTestServer implements AutoCloseable {
    private static RedisTestServer shared;

    private final int port;
    private final Path dir;
    private final boolean persistent;
    private Process process;

    private RedisTestServer(int port, Path dir, boolean persistent) {
        this.port = port;
        this.dir = dir;
        this.persistent = persistent;
    }

    /** {@code REDIS_URL} if set, else the URL of a server started once for this JVM. */
    public static synchronized String sharedUrl() {
        String env = System.getenv("REDIS_URL");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        if (shared == null) {
            shared = start(false);
            RedisTestServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return shared.url();
    }

    /**
     * A server of its own (always the embedded binary, since the test stops and restarts it). With
     * {@code persistent}, every write is appended to an AOF file and fsynced before Redis answers
     * ({@code appendonly yes}, {@code appendfsync always}), so what Redis acknowledged survives a SIGKILL.
     */
    public static RedisTestServer start(boolean persistent) {
        try {
            Path dir = Files.createTempDirectory("minicrm-redis-");
            RedisTestServer server = new RedisTestServer(freePort(), dir, persistent);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(binary().getAbsolutePath());
            cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                    "--save", "", "--daemonize", "no", "--protected-mode", "no"));
            if (persistent) {
                cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
            } else {
                cmd.addAll(List.of("--appendonly", "no"));
            }
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
            awaitReady();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server on port " + port, e);
        }
    }

    /** Stops it as an operator would (SIGTERM: Redis flushes and exits). */
    public synchronized void stop() {
        end(false);
    }

    /** Kills it (SIGKILL): no shutdown, like a crash or a power cut. */
    public synchronized void kill() {
        end(true);
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public synchronized void close() {
        end(false);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                s.setSoTimeout(1000);
                OutputStream out = s.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                if ("+PONG".equals(reply)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening or still loading
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("redis-server on port " + port + " not ready in 20 s");
    }

    private static File binary() throws IOException {
        File f = ExecutableProvider.newJarResourceProvider().get();
        if (!f.canExecute() && !f.setExecutable(true)) {
            throw new IOException("cannot make " + f + " executable");
        }
        return f;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
