package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: a separate process with no configuration, the printed URL and
 * admin token, the data directory it keeps its data in ({@code ./minicrm-data}), {@code /ready}, an
 * authenticated call, and a graceful stop on SIGTERM.
 */
class PackagedJarIT {
    private static final Pattern URL = Pattern.compile("Mini CRM is running at (http://\\S+)");
    private static final Pattern TOKEN = Pattern.compile("^\\s+token\\s+([0-9a-f]{32,})\\b");
    private static final Pattern SIGN_IN_CODE = Pattern.compile("^\\s+sign in\\s+http://\\S+/#code=(\\S+)");

    @Test
    void theJarStartsOnTheEmbeddedDefault_servesAuthenticatedCalls_andStopsOnSigterm(@TempDir Path workDir)
            throws Exception {
        Path jar = Path.of(System.getProperty("minicrm.jar", "target/minicrm.jar")).toAbsolutePath();
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CRM_") || k.startsWith("MONGO") || k.startsWith("REDIS")
                || k.startsWith("VENDOR") || k.startsWith("OPENAI") || k.startsWith("GOOGLE") || k.equals("USE_PUBSUB"));
        pb.environment().put("PORT", "0");
        Process process = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> find(output, URL) != null && find(output, TOKEN) != null
                    || !process.isAlive());
            assertThat(process.isAlive()).as("process output:%n%s", String.join("\n", output)).isTrue();
            URI base = URI.create(find(output, URL));
            String token = find(output, TOKEN);
            HttpClient http = HttpClient.newHttpClient();

            await().atMost(Duration.ofSeconds(30)).until(() -> status(http, base.resolve("/ready"), null) == 200);
            assertThat(status(http, base.resolve("/api/customers"), null)).isEqualTo(401);
            assertThat(status(http, base.resolve("/api/customers"), token)).isEqualTo(200);
            assertThat(status(http, base.resolve("/health"), null)).isEqualTo(200);
            // the web console, and the banner's one-time sign-in link
            assertThat(status(http, base.resolve("/"), null)).isEqualTo(200);
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/code"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"" + find(output, SIGN_IN_CODE) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            Path dataDir = workDir.resolve("minicrm-data").toAbsolutePath().normalize();
            assertThat(output).as("the banner names the data directory").anyMatch(l -> l.contains("data in " + dataDir));
            assertThat(dataDir.resolve("minicrm.mv")).as("persistent by default").exists();

            process.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its stdout)
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
            reader.join(5000);
            assertThat(output).as("exit %d, output:%n%s", process.exitValue(), String.join("\n", output))
                    .anyMatch(l -> l.contains("Mini CRM stopped"));
            Files.writeString(workDir.resolve("output.log"), String.join("\n", output));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String find(List<String> lines, Pattern p) {
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static int status(HttpClient http, URI uri, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
