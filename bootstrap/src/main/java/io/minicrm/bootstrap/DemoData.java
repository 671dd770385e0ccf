package io.minicrm.bootstrap;

import io.minicrm.application.customer.CustomerBatch;
import io.minicrm.application.order.OrderBatch;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.support.BulkResult;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.order.OrderRequestReader;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realistic generated data loaded through the real use cases: customers in Indian cities with tags
 * and plans, a year of orders (some refunded), three segments and a launched win-back campaign.
 * Seeded, so every run produces the same shop.
 */
public final class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private static final String[] FIRST = {"Aarav", "Vivaan", "Aditya", "Vihaan", "Arjun", "Sai", "Reyansh", "Ayaan",
            "Krishna", "Ishaan", "Ananya", "Diya", "Aadhya", "Saanvi", "Pari", "Anika", "Navya", "Myra", "Sara", "Riya",
            "Kabir", "Rohan", "Meera", "Neha", "Priya", "Rahul", "Sneha", "Vikram", "Kavya", "Zoya"};
    private static final String[] LAST = {"Sharma", "Verma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Khan",
            "Singh", "Das", "Mehta", "Joshi", "Kulkarni", "Bose", "Chatterjee", "Menon", "Rao", "Pillai", "Shah", "Kapoor"};
    private static final String[] CITIES = {"Pune", "Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Kolkata",
            "Ahmedabad", "Jaipur", "Lucknow"};
    private static final String[] TAGS = {"vip", "newsletter", "churned", "wholesale", "app-user", "festive-buyer"};
    private static final String[] PLANS = {"basic", "basic", "basic", "silver", "silver", "gold"};
    private static final String[] PRODUCTS = {"Kurta", "Saree", "Sneakers", "Headphones", "Coffee beans", "Yoga mat",
            "Backpack", "Watch", "Sunglasses", "Cookware set"};

    private final MiniCrm crm;
    private final Clock clock;

    public DemoData(MiniCrm crm, Clock clock) {
        this.crm = crm;
        this.clock = clock;
    }

    /** What was loaded. */
    public record Loaded(int customers, int orders, List<Segment> segments, Campaign campaign) {
    }

    public Loaded load(int customerCount, long seed) {
        Random r = new Random(seed);
        Instant now = clock.instant();
        List<Map<String, Object>> customers = new ArrayList<>(customerCount);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < customerCount; i++) {
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            String email = (first + "." + last + "." + i + "@example.com").toLowerCase(Locale.ROOT);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("email", email);
            c.put("name", first + " " + last);
            c.put("phone", "+919" + String.format("%09d", r.nextInt(1_000_000_000)));
            c.put("city", CITIES[r.nextInt(CITIES.length)]);
            List<String> tags = new ArrayList<>();
            for (String t : TAGS) {
                if (r.nextDouble() < (t.equals("newsletter") ? 0.5 : 0.12)) {
                    tags.add(t);
                }
            }
            c.put("tags", tags);
            c.put("visits", (long) r.nextInt(40));
            c.put("lastActiveAt", now.minus(Duration.ofDays(r.nextInt(200))).toString());
            c.put("optedOut", r.nextDouble() < 0.04);
            c.put("attributes", Map.of("plan", PLANS[r.nextInt(PLANS.length)], "age", (long) (18 + r.nextInt(50))));
            customers.add(c);
            int n = r.nextDouble() < 0.15 ? 0 : 1 + r.nextInt(8);
            for (int k = 0; k < n; k++) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("orderId", "demo-" + i + "-" + k);
                o.put("customerEmail", email);
                o.put("amount", BigDecimal.valueOf(200 + r.nextInt(9_800) + r.nextInt(100) / 100.0).setScale(2,
                        java.math.RoundingMode.HALF_UP));
                o.put("status", r.nextDouble() < 0.05 ? "refunded" : "completed");
                o.put("orderedAt", now.minus(Duration.ofDays(r.nextInt(365))).minusSeconds(r.nextInt(86_400)).toString());
                o.put("items", List.of(Map.of("productId", "p" + r.nextInt(PRODUCTS.length),
                        "name", PRODUCTS[r.nextInt(PRODUCTS.length)], "quantity", 1L + r.nextInt(3))));
                orders.add(o);
            }
        }
        int written = 0;
        for (int i = 0; i < customers.size(); i += 1000) {
            BulkResult b = crm.ingestCustomers().ingest(CustomerBatch.read(
                    customers.subList(i, Math.min(customers.size(), i + 1000)), CustomerProfileReader.json(), 0));
            written += b.accepted();
        }
        int ordered = 0;
        for (int i = 0; i < orders.size(); i += 1000) {
            BulkResult b = crm.ingestOrders().ingest(OrderBatch.read(orders.subList(i, Math.min(orders.size(), i + 1000)),
                    OrderRequestReader.json(crm.ingestOrders().currency()), 0, null));
            ordered += b.accepted();
        }
        List<Segment> segments = List.of(
                crm.segments().create(new SegmentService.NewSegment("High spenders", "Spent more than 20,000", DslParser.parse("totalSpent > 20000"), "demo")),
                crm.segments().create(new SegmentService.NewSegment("At risk", "Valuable but drifting away", DslParser.parse(
                        "totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days) and not tags contains \"churned\""), "demo")),
                crm.segments().create(new SegmentService.NewSegment("Pune VIPs", "VIP customers in Pune", DslParser.parse("city = \"Pune\" and tags contains \"vip\""), "demo")));
        Campaign campaign = crm.campaigns().create(new CampaignService.NewCampaign("Win them back", segments.get(1).id(), "Hi {{firstName|there}}, we miss you! Here is 15% off your next order in {{city|your city}}.", null, false, "demo"));
        crm.campaigns().launch(campaign.id());
        LOG.info("demo data: {} customers, {} orders, {} segments, campaign \"{}\" sending", written, ordered,
                segments.size(), campaign.name());
        return new Loaded(written, ordered, segments, campaign);
    }
}
