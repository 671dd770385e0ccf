package io.minicrm.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.bootstrap.MiniCrm;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.bootstrap.Application;
import io.minicrm.bootstrap.Config;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load harness (not part of {@code verify}): a campaign to N recipients (default 100,000) on the embedded
 * default — the durable embedded store in a temporary directory ({@code -Dbench.store=memory}: in memory),
 * in-process queues, the vendor simulator over HTTP with signed receipts — timed from launch to COMPLETED,
 * with the peak heap of the JVM (which also hosts the embedded store) sampled every 50 ms, then the store's
 * commit figures and its file size before and after compaction.
 *
 * <pre>mvn -Pbench -pl bootstrap verify -Dtest=CampaignThroughputBenchmark -Dbench.recipients=100000 \
 *     -Dtest.jvm.args=-Xmx2g -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
@Tag("bench")
class CampaignThroughputBenchmark {

    @Test
    void campaignToManyRecipients_launchToCompleted() throws Exception {
        int n = Integer.getInteger("bench.recipients", 100_000);
        boolean durable = !"memory".equals(System.getProperty("bench.store", "durable"));
        java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("campaign-bench");
        Application app = new Application(Config.from(Map.of("PORT", "0", "CRM_DATA_DIR", durable ? dataDir.toString() : "memory")));
        app.start();
        try {
            MiniCrm crm = app.crm();
            Instant t0 = Instant.now();
            for (int start = 0; start < n; start += 1000) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = start; i < Math.min(n, start + 1000); i++) {
                    rows.add(Map.of("email", "r" + i + "@bench.example", "name", "Recipient " + i, "visits", (long) (i % 9)));
                }
                assertThat(crm.ingestCustomers().ingest(Rows.customers(rows)).accepted()).isEqualTo(rows.size());
            }
            Duration ingest = Duration.between(t0, Instant.now());
            Segment everyone = crm.segments().create(new SegmentService.NewSegment("Everyone", null, DslParser.parse("email exists"), "bench"));
            Campaign c = crm.campaigns().create(new CampaignService.NewCampaign("Bench", everyone.id(), "Hi {{name|there}}, a message for you.", null, false, "bench"));

            System.gc();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long cpu0 = processCpuNanos();
            Instant launched = Instant.now();
            crm.campaigns().launch(c.id());
            Instant audienceDone = null;
            Campaign now;
            StringBuilder timeline = new StringBuilder();
            long nextMark = 2000;
            do {
                Thread.sleep(100);
                now = crm.campaigns().find(c.id());
                if (audienceDone == null && now.audienceComplete()) {
                    audienceDone = Instant.now();
                }
                long elapsed = Duration.between(launched, Instant.now()).toMillis();
                if (elapsed >= nextMark) {
                    nextMark += 2000;
                    timeline.append(String.format("  t=%3ds handed to vendor %,7.0f  receipts in %,7.0f  counters sent+failed %,7d%n",
                            elapsed / 1000, counter(app, "crm.vendor.messages"), counter(app, "crm.receipts.received"),
                            now.counts().sent() + now.counts().failed()));
                }
            } while (now.status() == CampaignStatus.SENDING && Duration.between(launched, Instant.now()).toMinutes() < 20);
            Instant completed = Instant.now();
            long cpu = processCpuNanos() - cpu0;
            sampler.interrupt();
            assertThat(now.status()).isEqualTo(CampaignStatus.COMPLETED);
            DeliveryCounts counts = app.store().deliveries().countByStatus(c.id());
            io.minicrm.domain.campaign.SendWindow w = app.store().deliveries().sendWindow(c.id()).orElseThrow();
            Duration total = Duration.between(launched, completed);
            System.out.printf("%n=== campaign benchmark: %,d recipients on the embedded default (%d cores, max heap %d MB) ===%n",
                    n, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("ingest (not timed below)        %6.1f s (%,.0f customers/s through the use case)%n",
                    ingest.toMillis() / 1000.0, n / (ingest.toMillis() / 1000.0));
            System.out.printf("launch -> COMPLETED             %6.1f s  (%,.0f messages/s)%n", total.toMillis() / 1000.0,
                    (counts.sent() + counts.failed()) / (total.toMillis() / 1000.0));
            System.out.printf("launch -> audience rows written %6.1f s%n", Duration.between(launched, audienceDone).toMillis() / 1000.0);
            System.out.printf("first .. last vendor send       %6.1f s%n", Duration.between(w.first(), w.last()).toMillis() / 1000.0);
            System.out.printf("outcome: sent %,d failed %,d retries %,d (audience %,d)%n", counts.sent(), counts.failed(),
                    counts.retries(), counts.audience());
            System.out.printf("peak heap used (JVM incl. embedded store) %,d MB; process CPU %.1f s%n", peak.get() >> 20,
                    cpu / 1e9);
            System.out.print(timeline);
            if (durable) {
                var store = app.embeddedMongo().orElseThrow().durable().orElseThrow();
                System.out.printf("durable store: %s%n", store.status());
                java.nio.file.Path live = dataDir.resolve("live-copy.mv");
                long liveBytes = store.backup(live).bytes();
                java.nio.file.Files.delete(live);
                var compacted = store.compact();
                System.out.printf("store file %,d KB before compaction, %,d KB after (live data, written afresh: %,d KB; "
                        + "%.2fx) in %d ms%n", compacted.bytesBefore() >> 10, compacted.bytesAfter() >> 10, liveBytes >> 10,
                        compacted.bytesAfter() / (double) liveBytes, compacted.millis());
            }
        } finally {
            app.stop();
        }
    }

    private static double counter(Application app, String name) {
        return app.registry().find(name).counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

}
