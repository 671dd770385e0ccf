package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.Segment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The console's figures with 100,000 customers (-Dbench.customers) and a campaign to all of them sending:
 * first page load (bytes transferred, time until the dashboard shows its numbers), customer search, the live
 * count while a rule is typed, the campaign page's polling, and the console's asset size. Prints its figures.
 */
@Tag("bench")
class ConsoleBenchmark {
    @Test
    void consoleFiguresAt100kCustomers() throws Exception {
        Browser.assumeInstalled();
        int n = Integer.getInteger("bench.customers", 100_000);
        Application app = new Application(Config.from(Map.of("PORT", "0")));
        app.start();
        try (Browser b = new Browser(1366, 900)) {
            MiniCrm crm = app.crm();
            String[] cities = {"Pune", "Goa", "Delhi", "Mumbai", "Chennai"};
            for (int start = 0; start < n; start += 1000) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = start; i < Math.min(n, start + 1000); i++) {
                    rows.add(Map.of("email", "r" + i + "@bench.example", "name", "Recipient " + i, "city", cities[i % 5],
                            "visits", (long) (i % 9), "totalSpent", (long) (i % 20_000)));
                }
                assertThat(crm.ingestCustomers().ingest(Rows.customers(rows)).accepted()).isEqualTo(rows.size());
            }
            Segment everyone = crm.segments().create(new SegmentService.NewSegment("Everyone", null, DslParser.parse("visits >= 0"), "bench"));
            Campaign c = crm.campaigns().create(new CampaignService.NewCampaign("Bench", everyone.id(), "Hi {{name|there}}", null, false, "bench"));
            crm.campaigns().launch(c.id());
            ApiClient api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());

            // first page load, cold cache, while the campaign sends
            long t0 = System.nanoTime();
            b.driver.get(app.consoleSignInLink().orElseThrow().toString());
            b.wait.until(d -> !d.findElements(By.cssSelector("main .card .n")).isEmpty());
            long interactiveMs = (System.nanoTime() - t0) / 1_000_000;
            Object transferred = b.js("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                    + ".filter(e => /\\/console\\/|\\/$/.test(e.name) || e.entryType === 'navigation')"
                    + ".reduce((s, e) => s + e.transferSize, 0)");
            Object decoded = b.js("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                    + ".filter(e => /\\/console\\/|\\/$/.test(e.name) || e.entryType === 'navigation')"
                    + ".reduce((s, e) => s + e.decodedBodySize, 0)");
            Object domInteractive = b.js("return Math.round(performance.getEntriesByType('navigation')[0].domInteractive)");

            // customer search through the API (the console's own request)
            long[] search = new long[10];
            for (int i = 0; i < search.length; i++) {
                long s = System.nanoTime();
                assertThat(api.get("/api/customers?q=recipient%209999" + i % 10 + "&limit=50").status()).isEqualTo(200);
                search[i] = (System.nanoTime() - s) / 1_000_000;
            }
            long[] firstPage = new long[10];
            for (int i = 0; i < firstPage.length; i++) {
                long s = System.nanoTime();
                api.get("/api/customers?limit=50");
                firstPage[i] = (System.nanoTime() - s) / 1_000_000;
            }

            // live count: preview of a typed rule through the API, and keystroke-to-count in the builder
            long[] count = new long[10];
            for (int i = 0; i < count.length; i++) {
                long s = System.nanoTime();
                api.post("/api/segments/preview", Map.of("rules", Map.of("dsl", "totalSpent > " + (5000 + i) + " and city = \"Pune\"")));
                count[i] = (System.nanoTime() - s) / 1_000_000;
            }
            b.driver.get(app.baseUrl() + "/#/segments/new");
            b.heading("New segment");
            long[] typed = new long[5];
            for (int i = 0; i < typed.length; i++) {
                var dsl = b.labelled("DSL");
                String rule = "totalSpent > " + (7000 + i * 1000) + " and city = \"Goa\"";
                long expected = api.post("/api/segments/preview", Map.of("rules", Map.of("dsl", rule))).body().get("count").asLong();
                dsl.sendKeys(Keys.chord(Keys.CONTROL, "a"), rule);
                long s = System.nanoTime();
                b.wait.until(d -> String.valueOf(expected).equals(d.findElement(By.id("live-count")).getAttribute("data-count")));
                typed[i] = (System.nanoTime() - s) / 1_000_000;
            }

            // the campaign page's polling while it sends
            long[] campaign = new long[5];
            long[] timeline = new long[5];
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                api.get("/api/campaigns/" + c.id().value());
                campaign[i] = (System.nanoTime() - s) / 1_000_000;
                s = System.nanoTime();
                api.get("/api/campaigns/" + c.id().value() + "/timeline");
                timeline[i] = (System.nanoTime() - s) / 1_000_000;
            }

            long[] assets = assetBytes(app.baseUrl());
            System.out.printf("%n== console figures, %,d customers, a %,d-recipient campaign sending ==%n", n, n);
            System.out.printf("first page load (sign-in link -> dashboard numbers): %d ms; domInteractive %s ms%n", interactiveMs, domInteractive);
            System.out.printf("  HTML+JS+CSS transferred: %s bytes (%s bytes decoded)%n", transferred, decoded);
            System.out.printf("customer search ?q= (few matches, scans all): median %d ms, max %d ms%n", median(search), max(search));
            System.out.printf("customer list first page: median %d ms%n", median(firstPage));
            System.out.printf("live count, POST /api/segments/preview: median %d ms, max %d ms%n", median(count), max(count));
            System.out.printf("live count in the builder, last keystroke -> count shown (incl. 250 ms debounce): median %d ms, max %d ms%n",
                    median(typed), max(typed));
            System.out.printf("campaign page polling while sending: GET campaign median %d ms, timeline median %d ms%n",
                    median(campaign), median(timeline));
            System.out.printf("console assets: %,d bytes raw, %,d gzipped; uPlot (campaign page only) %,d raw, %,d gzipped%n",
                    assets[0], assets[1], assets[2], assets[3]);
        } finally {
            app.stop();
        }
    }

    private static long[] assetBytes(URI base) throws IOException {
        List<String> files = new ArrayList<>(List.of("/", "/console/console.css", "/console/js/app.js", "/console/js/api.js",
                "/console/js/ui.js"));
        for (String p : List.of("signin", "dashboard", "customers", "customer", "customer-form", "segments", "segment", "rule-tree",
                "campaigns", "campaign-new", "campaign", "operations")) {
            files.add("/console/js/pages/" + p + ".js");
        }
        long raw = 0;
        long gz = 0;
        for (String f : files) {
            byte[] body = fetch(base.resolve(f));
            raw += body.length;
            gz += gzip(body);
        }
        String v = "1.6.30";
        byte[] uplot = fetch(base.resolve("/webjars/uplot/" + v + "/dist/uPlot.iife.min.js"));
        byte[] css = fetch(base.resolve("/webjars/uplot/" + v + "/dist/uPlot.min.css"));
        return new long[] {raw, gz, uplot.length + css.length, gzip(uplot) + gzip(css)};
    }

    private static byte[] fetch(URI uri) throws IOException {
        try (InputStream in = new URL(uri.toString()).openStream()) {
            return in.readAllBytes();
        }
    }

    private static long gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.size();
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long max(long[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
