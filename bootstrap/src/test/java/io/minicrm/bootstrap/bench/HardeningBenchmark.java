package io.minicrm.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.bootstrap.MiniCrm;
import io.minicrm.bootstrap.Application;
import io.minicrm.bootstrap.Config;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.Segment;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures of the hardening (issue 12), on the embedded default in this JVM (server, embedded store and
 * vendor simulator together); each prints what it measured.
 * <ul>
 *   <li>peak heap during 3 concurrent worst-case imports: the million-empty-column header of the original
 *       attack (10 MB each), and the widest valid import (50 attribute columns of 1,000 characters per row,
 *       about 50 MB each, so every chunk is cut at its character cap);</li>
 *   <li>the time of a campaign to 10,000 recipients one of whom the vendor refuses (its batches are refused
 *       whole), next to the same campaign without the poison.</li>
 * </ul>
 * <pre>mvn -Pbench -pl bootstrap -am verify -Dtest=HardeningBenchmark -Dtest.jvm.args=-Xmx512m \
 *     -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
@Tag("bench")
class HardeningBenchmark {
    private static final String KEY = "bench-api-key-000000001";

    @Test
    void peakHeap_duringThreeConcurrentWorstCaseImports() throws Exception {
        Application app = new Application(Config.from(Map.of("PORT", "0", "CRM_API_KEYS", KEY)));
        app.start();
        try {
            System.out.printf(Locale.ROOT, "%nmax heap %d MB%n", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            importsAtOnce(app, "3 x 10 MB header of empty columns", () -> stream(",".repeat(10 * 1024 * 1024 - 1) + "\n", null, 0));
            StringBuilder header = new StringBuilder("email,name");
            for (int a = 0; a < 50; a++) {
                header.append(",attributes.a").append(a);
            }
            header.append('\n');
            String wideTail = ("," + "w".repeat(1000)).repeat(50) + "\n";
            importsAtOnce(app, "3 x ~50 MB of the widest valid rows (stored)", () -> stream(header.toString(), wideTail, 1000));
            // the same rows with a bad e-mail: nothing is stored, so what is measured is the import's own memory
            importsAtOnce(app, "3 x ~50 MB of the widest rows, every one rejected",
                    () -> stream(header.toString(), wideTail, 1000, "not-an-email-"));
        } finally {
            app.stop();
        }
    }

    /** A CSV body: the head, then {@code rows} rows (a unique e-mail and name, then {@code tail}). */
    private static Supplier<InputStream> stream(String head, String tail, int rows) {
        return stream(head, tail, rows, "w");
    }

    private static Supplier<InputStream> stream(String head, String tail, int rows, String emailPrefix) {
        return () -> new InputStream() {
            private final AtomicLong row = new AtomicLong(-1);
            private byte[] current = head.getBytes();
            private int pos;
            private final String id = Long.toHexString(System.nanoTime());

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                while (pos == current.length) {
                    long r = row.incrementAndGet();
                    if (r >= rows) {
                        return -1;
                    }
                    current = (emailPrefix + id + "-" + r + (emailPrefix.startsWith("w") ? "@bench.example" : "")
                            + ",Wide " + r + tail).getBytes();
                    pos = 0;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    private static void importsAtOnce(Application app, String what, Supplier<Supplier<InputStream>> body) throws Exception {
        System.gc();
        Thread.sleep(200);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong();
        AtomicLong peakLive = new AtomicLong();
        long liveBefore = liveAfterGc();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                peakLive.accumulateAndGet(liveAfterGc(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        HttpClient http = HttpClient.newHttpClient();
        URI uri = app.baseUrl().resolve("/api/customers/import");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Instant t0 = Instant.now();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Supplier<InputStream> in = body.get();
            answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/csv")
                    .header("X-Api-Key", KEY).POST(HttpRequest.BodyPublishers.ofInputStream(in)).build(),
                    HttpResponse.BodyHandlers.ofString())));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<HttpResponse<String>> a : answers) {
            HttpResponse<String> r = a.get();
            outcomes.add(r.statusCode() + " (" + r.body().length() + " bytes)");
        }
        Duration took = Duration.between(t0, Instant.now());
        sampler.interrupt();
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%s: answers %s in %.1f s; heap used before %d MB, peak %d MB (+%d MB);"
                        + " old generation after GC before %d MB, peak %d MB (+%d MB)%n", what, outcomes,
                took.toMillis() / 1000.0, baseline >> 20, peak.get() >> 20, (peak.get() - baseline) >> 20,
                liveBefore >> 20, peakLive.get() >> 20, (peakLive.get() - liveBefore) >> 20);
        assertThat(status(http, app.baseUrl().resolve("/ready"))).isEqualTo(200);
    }

    @Test
    void campaignTo10000_withOnePoisonedRecipient_launchToCompleted() throws Exception {
        int n = Integer.getInteger("bench.recipients", 10_000);
        // twice each, alternating: the first run also warms the JVM up
        for (boolean poisoned : new boolean[] {false, true, false, true}) {
            Application app = new Application(Config.from(Map.of("PORT", "0")));
            app.start();
            try {
                MiniCrm crm = app.crm();
                for (int start = 0; start < n; start += 1000) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (int i = start; i < Math.min(n, start + 1000); i++) {
                        rows.add(Map.of("email", "p" + i + "@bench.example", "name", "Recipient " + i));
                    }
                    assertThat(crm.ingestCustomers().ingest(Rows.customers(rows)).accepted()).isEqualTo(rows.size());
                }
                if (poisoned) {
                    app.simulator().orElseThrow().refuseRequestsTo(Set.of("p" + (n / 2) + "@bench.example"));
                }
                Segment everyone = crm.segments().create(new SegmentService.NewSegment("Everyone", null, DslParser.parse("visits >= 0"), "bench"));
                Campaign c = crm.campaigns().create(new CampaignService.NewCampaign("Poison", everyone.id(), "Hi {{name}}", null, false, "bench"));
                Instant t0 = Instant.now();
                crm.campaigns().launch(c.id());
                Campaign now;
                do {
                    Thread.sleep(100);
                    now = crm.campaigns().find(c.id());
                } while (now.status() == CampaignStatus.SENDING && Duration.between(t0, Instant.now()).toMinutes() < 10);
                Duration took = Duration.between(t0, Instant.now());
                System.out.printf(Locale.ROOT, "campaign to %,d recipients%s: %s in %.1f s; %d sent, %d failed%n", n,
                        poisoned ? ", one refused by the vendor" : ", no poison", now.status(), took.toMillis() / 1000.0,
                        now.counts().sent(), now.counts().failed());
                assertThat(now.status()).isEqualTo(CampaignStatus.COMPLETED);
            } finally {
                app.stop();
            }
        }
    }

    /** What the old generation held after its last collection (what survives), summed over the heap's old pools. */
    private static long liveAfterGc() {
        long total = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null
                    && !pool.getName().contains("Eden") && !pool.getName().contains("Survivor")) {
                total += pool.getCollectionUsage().getUsed();
            }
        }
        return total;
    }

    private static int status(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
