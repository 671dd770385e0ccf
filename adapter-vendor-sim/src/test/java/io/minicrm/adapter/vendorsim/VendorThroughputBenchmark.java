package io.minicrm.adapter.vendorsim;

import static io.minicrm.adapter.vendorsim.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load harness (tag "slow", run with -Pslow): 100,000 messages through the gateway to the simulator (default
 * settings) over loopback HTTP, and their signed receipts back to a local receiver, after a 20,000-message
 * warm-up. Prints figures; asserts only completeness.
 */
@Tag("slow")
class VendorThroughputBenchmark {
    private static final int MESSAGES = 100_000;
    private static final int WARM_UP = 20_000;
    private static final int BATCH = 100;
    private static final int CALLERS = 4;

    @Test
    void hundredThousandMessages_sendAndReceiptFigures() throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try (ReceiptReceiver receiver = new ReceiptReceiver(SECRET);
             VendorSimulator sim = new VendorSimulator(SimulatorSettings.defaults(SECRET).withReceiptUrl(receiver.url()));
             HttpVendorGateway gateway = new HttpVendorGateway(GatewaySettings.defaults(sim.start(0)))) {
            run(callers, gateway, MESSAGES, WARM_UP);
            await().atMost(Duration.ofMinutes(2)).until(() -> sim.counters().receiptsPending() == 0);
            SimulatorCounters before = sim.counters();
            System.gc();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();

            run(callers, gateway, 0, MESSAGES);
            long sent = System.nanoTime();
            long cpuSent = os.getProcessCpuTime();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> sim.counters().receiptsPending() == 0);
            long done = System.nanoTime();
            long cpuDone = os.getProcessCpuTime();

            SimulatorCounters c = sim.counters();
            double sendSeconds = (sent - start) / 1e9;
            System.out.printf("vendor throughput (after %d warm-up): %d messages sent in %.2f s = %.0f msg/s "
                            + "(%d requests of %d, %d callers); all receipts delivered %.2f s after the start "
                            + "(%d receipts in %d callbacks, %d failed callbacks); process CPU %.1f s while sending "
                            + "(%.0f us per message for gateway + simulator + receiver), %.1f s in all; "
                            + "load average %.1f on %d cores%n",
                    WARM_UP, MESSAGES, sendSeconds, MESSAGES / sendSeconds, c.requests() - before.requests(), BATCH,
                    CALLERS, (done - start) / 1e9, c.receiptsDelivered() - before.receiptsDelivered(),
                    c.callbacks() - before.callbacks(), c.callbackFailures() - before.callbackFailures(),
                    (cpuSent - cpuStart) / 1e9, (cpuSent - cpuStart) / 1e3 / MESSAGES, (cpuDone - cpuStart) / 1e9,
                    os.getSystemLoadAverage(), os.getAvailableProcessors());
            assertThat(c.uniqueMessages()).isEqualTo(MESSAGES + WARM_UP);
            assertThat(receiver.badSignatures()).isZero();
            assertThat(c.receiptsDelivered()).isEqualTo(c.receiptsScheduled());
        } finally {
            callers.shutdownNow();
        }
    }

    private static void run(ExecutorService callers, HttpVendorGateway gateway, int first, int count) throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            int caller = c;
            work.add(callers.submit(() -> {
                for (int from = caller * BATCH; from < count; from += CALLERS * BATCH) {
                    gateway.send(Fixtures.messages(first + from, Math.min(BATCH, count - from)));
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
    }
}
