package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.adapter.http.csv.CsvRows;
import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.Email;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CSV imports: columns, attributes.* columns, bad rows by index, header checks, streaming, limits. */
class CsvImportTest {
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static TestApp.Res importCsv(String path, String csv) {
        return app.call("POST", path).body("text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8)).send();
    }

    @Test
    void customers_withAttributeColumns_andBadRowsReportedByIndex() {
        String csv = "\uFEFFemail,name,city,tags,visits,optedOut,totalSpent,lastPurchaseDate,attributes.tier,attributes.score\n"
                + "csv-a@example.com,Asha,Pune,\"vip, new\",3,no,2500.50,2025-01-31,gold,42\n"
                + "not-an-email,Bad,Pune,,,,,,,\n"
                + "csv-b@example.com,\"Bo, Jr.\",Delhi,,x,,,,silver,\n"
                + "csv-c@example.com,Chen,,,,yes,,,,\n"
                + "csv-d@example.com,Dee,Mumbai,,,,,,,,extra-cell\n";
        TestApp.Res r = importCsv("/api/customers/import", csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("rows").asInt()).isEqualTo(5);
        assertThat(report.get("accepted").asInt()).isEqualTo(2);
        assertThat(report.get("rejectedCount").asInt()).isEqualTo(3);
        List<Integer> rejected = new ArrayList<>();
        report.get("rejected").forEach(e -> rejected.add(e.get("index").asInt()));
        assertThat(rejected).containsExactly(1, 2, 4);
        assertThat(report.get("rejected").get(1).get("errors").get(0).get("path").asText()).isEqualTo("/visits");

        Customer a = app.customers.findByEmail(Email.of("csv-a@example.com")).orElseThrow();
        assertThat(a.tags()).containsExactlyInAnyOrder("vip", "new");
        assertThat(a.visits()).isEqualTo(3);
        assertThat(a.optedOut()).isFalse();
        assertThat(a.totalSpent()).isEqualByComparingTo("2500.50");
        assertThat(a.attributes().get("tier")).isEqualTo(new AttributeValue.Text("gold"));
        assertThat(a.attributes().get("score")).isEqualTo(new AttributeValue.Num(new BigDecimal("42")));
        assertThat(app.customers.findByEmail(Email.of("csv-c@example.com")).orElseThrow().optedOut()).isTrue();
        assertThat(app.customers.findByEmail(Email.of("csv-b@example.com"))).isEmpty();
    }

    @Test
    void unknownOrRepeatedColumns_are400_andNothingIsWritten() {
        long before = app.customers.countAll();
        TestApp.Res r = importCsv("/api/customers/import", "email,$where,a.b,email,attributes.bad-key\nx@example.com,1,2,3,4\n");
        assertThat(r.status()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        r.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).containsExactly("/header/1", "/header/2", "/header/3", "/header/4");
        assertThat(app.customers.countAll()).isEqualTo(before);
        assertThat(importCsv("/api/orders/import", "orderId,customerEmail,amount,items\n").status()).isEqualTo(400);
    }

    @Test
    void aHeaderOfAMillionEmptyColumns_isRefusedWithASmallAnswer() {
        // issue 12 #1: a 10 MB header of empty columns made one ~220-character problem per column
        String header = ",".repeat(1_000_000) + "\n";
        TestApp.Res r = importCsv("/api/customers/import", header + "a@example.com\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().length()).as("the answer stays small").isLessThan(2_000);
        assertThat(r.json().get("detail").asText()).contains("1000001 columns").contains("at most 100");
    }

    @Test
    void manyUnknownColumns_nameTheFirstOnes_andCountTheRest() {
        StringBuilder header = new StringBuilder("email");
        for (int i = 0; i < 90; i++) {
            header.append(",junk").append(i);
        }
        TestApp.Res r = importCsv("/api/customers/import", header + "\nx@example.com\n");
        assertThat(r.status()).isEqualTo(400);
        JsonNode errors = r.json().get("errors");
        assertThat(errors).hasSize(CsvRows.MAX_HEADER_PROBLEMS + 1);
        assertThat(errors.get(CsvRows.MAX_HEADER_PROBLEMS).get("message").asText()).isEqualTo("and 70 more problems");
        assertThat(r.json().get("detail").asText()).contains("expected").contains("email");
    }

    @Test
    void aRowOfAMillionCells_isOneBadRow_andACellPastTheLimitStopsTheImport() {
        String wide = "email,name\nwide-ok@example.com,Ok\nwide-bad@example.com" + ",x".repeat(1_000_000) + "\n";
        TestApp.Res r = importCsv("/api/customers/import", wide);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().get("rejected").get(0).get("errors").get(0).get("message").asText())
                .isEqualTo("the row has 1000001 cells but the header names 2 columns");

        String longCell = "email,name\nlong@example.com," + "n".repeat(CsvRows.MAX_CELL + 1) + "\n";
        TestApp.Res tooLong = importCsv("/api/customers/import", longCell);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asText()).contains("longer than " + CsvRows.MAX_CELL);
        assertThat(app.customers.findByEmail(Email.of("long@example.com"))).isEmpty();
    }

    @Test
    void emptyOrHeaderOnlyOrWrongType_areRefused() {
        assertThat(importCsv("/api/customers/import", "").status()).isEqualTo(400);
        assertThat(importCsv("/api/customers/import", "email,name\n").status()).isEqualTo(400);
        TestApp.Res json = app.call("POST", "/api/customers/import").json("[{\"email\": \"j@example.com\"}]").send();
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.isProblem()).isTrue();
    }

    @Test
    void aSyntaxErrorPartWay_stopsThere_andSaysHowManyRowsWereWritten() {
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("syn").append(i).append("@example.com,N").append(i).append('\n');
        }
        csv.append("broken@example.com,\"unterminated\n");
        long before = app.customers.countAll();
        TestApp.Res r = importCsv("/api/customers/import", csv.toString());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1000);
        assertThat(app.customers.countAll()).isEqualTo(before + 1000);
    }

    @Test
    void orders_areImported_andUnknownCustomersRejectedByIndex() {
        importCsv("/api/customers/import", "email\nbuyer@example.com\n");
        TestApp.Res r = importCsv("/api/orders/import", "orderId,customerEmail,amount,currency,status,orderedAt\n"
                + "csv-o1,buyer@example.com,100.50,INR,completed,2025-02-01T10:00:00Z\n"
                + "csv-o2,stranger@example.com,10,,,\n"
                + "csv-o3,buyer@example.com,1.999,,,\n"
                + "csv-o4,buyer@example.com,20,,refunded,\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        List<Integer> rejected = new ArrayList<>();
        r.json().get("rejected").forEach(e -> rejected.add(e.get("index").asInt()));
        assertThat(rejected).containsExactly(1, 2);
        Customer buyer = app.customers.findByEmail(Email.of("buyer@example.com")).orElseThrow();
        assertThat(buyer.totalSpent()).isEqualByComparingTo("100.50");
        assertThat(buyer.orderCount()).isEqualTo(1);
    }

    @Test
    void anImportOverTheLimit_is413() {
        StringBuilder csv = new StringBuilder("email,name\n");
        while (csv.length() <= TestApp.IMPORT_LIMIT) {
            csv.append("big").append(csv.length()).append("@example.com,").append("x".repeat(200)).append('\n');
        }
        TestApp.Res declared = importCsv("/api/customers/import", csv.toString());
        assertThat(declared.status()).isEqualTo(413);
        // streamed without a length: the limit is found while reading; rows before it were processed
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        TestApp.Res streamed = app.call("POST", "/api/customers/import")
                .publisher("text/csv", HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .send();
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.isProblem()).isTrue();
        assertThat(streamed.json().get("accepted").asLong()).isGreaterThan(0);
    }

    /**
     * A 100 MB import streams through: the body is generated as it is sent and the server holds one chunk
     * of rows at a time. The rows cycle over 10,000 e-mails so the in-memory store stays small and the heap
     * figure printed is the import's own footprint (the test JVM has a 1 GB heap).
     */
    @Tag("slow")
    @Test
    void aHundredMegabyteImport_streamsThrough() throws Exception {
        int rows = 1_000_000;
        try (TestApp big = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .settings(s -> s.maxImportBodyBytes(200L * 1024 * 1024)).start()) {
            GeneratedCsv body = new GeneratedCsv(rows, 10_000);
            java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            long[] peak = {baseline};
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long t0 = System.nanoTime();
            TestApp.Res r = big.call("POST", "/api/customers/import").timeout(java.time.Duration.ofMinutes(15))
                    .publisher("text/csv", HttpRequest.BodyPublishers.ofInputStream(() -> body)).send();
            double secs = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("accepted").asInt()).isEqualTo(rows);
            assertThat(big.customers.countAll()).isEqualTo(10_000);
            System.out.printf("CSV import of %.1f MB: %d rows in %.1f s (%,.0f rows/s); heap peak %d MB over a %d MB baseline%n",
                    body.bytes / 1e6, rows, secs, rows / secs, peak[0] >> 20, baseline >> 20);
        }
    }

    /** A CSV of {@code rows} customers of ~100 bytes each, generated as it is read. */
    static final class GeneratedCsv extends InputStream {
        private final int rows;
        private final int distinct;
        private int row = -1;
        private byte[] line = new byte[0];
        private int pos;
        long bytes;

        GeneratedCsv(int rows, int distinct) {
            this.rows = rows;
            this.distinct = distinct;
        }

        @Override
        public int read() {
            if (pos == line.length) {
                if (row == rows) {
                    return -1;
                }
                line = (row < 0 ? "email,name,city,tags,attributes.note\n"
                        : "gen" + (row % distinct) + "@example.com,Generated Customer " + (row % distinct) + ",Bengaluru,alpha;beta,"
                                + "padding-padding-padding-padding-pad\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
                row++;
                bytes += line.length;
            }
            return line[pos++];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
            }
            return n;
        }
    }
}
