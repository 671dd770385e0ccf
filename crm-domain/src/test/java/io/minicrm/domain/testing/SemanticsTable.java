package io.minicrm.domain.testing;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerBuilder;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.customer.PurchaseHistory;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.syntax.DslParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule semantics of docs/rules.md as a table of examples: every operator of every field type against a
 * present value, a missing value and (for custom attributes) a value of another type, with the expected
 * result at {@link #NOW}. Any evaluator of rules (the in-memory {@link io.minicrm.domain.segment.CompiledRule},
 * a MongoDB filter, ...) must agree with every row.
 *
 * <p>Missing values: positive comparisons are false; negated ones ({@code ne}, {@code notIn},
 * {@code notContains}, {@code notInLastDays}) are true; {@code exists} is false; {@code isEmpty} is true.
 * A custom attribute holding a value of another type than the condition's behaves as missing for that
 * condition, except for {@code exists}. String matching is case-insensitive and literal (no regex);
 * {@code between} is inclusive; {@code inLastDays n} includes exactly n days ago and excludes the future.
 *
 * <p>The customers are public ({@link #FULL}, {@link #BARE}, {@link #MISMATCHED}, ...) so an adapter can
 * store them once and run every row against the store.
 */
public final class SemanticsTable {
    /** The evaluation time of every row (relative dates are measured from it). */
    public static final Instant NOW = RandomRules.NOW;

    /** One example: {@code rule} evaluated for {@code customer} at {@link #NOW} gives {@code expected}. */
    public record Case(String description, Rule rule, Customer customer, boolean expected) {
        @Override
        public String toString() {
            return description + " -> " + expected;
        }
    }

    /**
     * Every field present: name "Ann Lee", e-mail ann.lee@example.com, phone +919876543210, city "São Paulo",
     * tags vip and new, attributes plan = "Gold" (text), score = 10 (number), flag = true (boolean), 2 visits,
     * active a day ago, 10000.50 spent in 3 orders, first order a year ago, last order exactly 90 days ago.
     */
    public static final Customer FULL = customer("full").email(" Ann.Lee@Example.COM ")
            .name("Ann Lee").phone("+919876543210").city("São Paulo").tags("vip", "new")
            .attribute("plan", "Gold").attribute("score", 10).attribute("flag", true)
            .visits(2).lastActiveAt(daysAgo(1)).totalSpent("10000.50").orderCount(3)
            .firstOrderAt(daysAgo(365)).lastOrderAt(daysAgo(90))
            .createdAt(Instant.parse("2024-01-01T00:00:00Z")).build();

    /**
     * Every optional field missing: no name, phone, city, tags, attributes, visits, activity or orders (the totals
     * are 0 spent in 0 orders: nothing was imported or ordered).
     */
    public static final Customer BARE = bare("bare")
            .createdAt(Instant.parse("2024-01-01T00:00:00Z")).build();

    /** Attributes of the other types than {@link #FULL}'s: plan = 10 (number), score = "10" (text), flag = "true" (text). */
    public static final Customer MISMATCHED = customer("mismatched")
            .attribute("plan", 10).attribute("score", "10").attribute("flag", "true").build();

    /** Regex metacharacters in text: name "a.*b (x)", city "[x]{2}|^$", tag "a.b". */
    public static final Customer REGEX = customer("regex").name("a.*b (x)").city("[x]{2}|^$")
            .tags("a.b").build();

    /** Text a regex would match but literal text does not: name "axxb (x)", city "xx", tag "axb". */
    public static final Customer REGEX_LOOKALIKE = customer("lookalike").name("axxb (x)")
            .city("xx").tags("axb").build();

    /** Name with a backslash and a question mark. */
    public static final Customer BACKSLASH = customer("backslash").name("back\\slash?").build();

    /** Exactly at the thresholds of the reference rule: 10000.00 spent, 3 visits, last order exactly 90 days ago. */
    public static final Customer AT_THRESHOLDS = customer("thresholds").totalSpent("10000")
            .visits(3).lastOrderAt(daysAgo(90)).build();

    /** Last order and activity one millisecond beyond 90 days ago; active in the future (clock skew). */
    public static final Customer JUST_OUTSIDE = customer("outside")
            .lastOrderAt(daysAgo(90).minusMillis(1)).lastActiveAt(NOW.plus(Duration.ofDays(1))).build();

    /** Active exactly now. */
    public static final Customer ACTIVE_NOW = customer("activenow").lastActiveAt(NOW).build();

    /** 5000.25 imported plus 5000.25 from orders: 10000.50 in total, 2 orders. */
    public static final Customer SPLIT_HISTORY = customer("split").totalSpent("5000.25")
            .orderCount(1).fromOrders(new PurchaseHistory(Money.of(new java.math.BigDecimal("5000.25")), 1,
                    daysAgo(10), daysAgo(10))).build();

    /** Tags given un-normalised (" VIP ", "Churned"): a customer keeps them trimmed and case-folded. */
    public static final Customer UNNORMALISED_TAGS = customer("rawtags").tags(" VIP ", "Churned")
            .build();

    /** Nothing but a visit count of 0, said explicitly (unlike {@link #BARE}, whose visits are unknown). */
    public static final Customer NEVER_VISITED = bare("zerovisits").visits(0)
            .createdAt(Instant.parse("2024-01-01T00:00:00Z")).build();

    /** Opted out of messages. */
    public static final Customer OPTED_OUT = customer("optedout").optedOut(true).build();

    /** Big spender with few visits who never ordered here (only imported spend, no order dates). */
    public static final Customer NEVER_ORDERED = customer("neverordered").totalSpent("20000")
            .visits(5).build();

    /** Big spender, many visits, ordered 10 days ago. */
    public static final Customer RECENT_BUYER = customer("recent").totalSpent("20000")
            .visits(5).lastOrderAt(daysAgo(10)).build();

    /** Big spender who never ordered here but is tagged churned. */
    public static final Customer CHURNED = customer("churned").totalSpent("20000").visits(5)
            .tags("churned").build();

    /** Every customer used by the table. */
    public static final List<Customer> CUSTOMERS = List.of(FULL, BARE, MISMATCHED, REGEX, REGEX_LOOKALIKE, BACKSLASH,
            AT_THRESHOLDS, JUST_OUTSIDE, ACTIVE_NOW, SPLIT_HISTORY, UNNORMALISED_TAGS, OPTED_OUT, NEVER_ORDERED,
            RECENT_BUYER, CHURNED, NEVER_VISITED);

    private SemanticsTable() {
    }

    /**
     * A customer named "Ann Lee" in Pune with 0 visits, created 2024-01-01, e-mail {@code <id>@example.com};
     * nothing else set.
     */
    private static CustomerBuilder customer(String id) {
        return bare(id).name("Ann Lee").city("Pune").visits(0);
    }

    /** A customer with only the id, its e-mail {@code <id>@example.com} and creation on 2024-01-01. */
    private static CustomerBuilder bare(String id) {
        return Customer.builder().id(id).createdAt(Instant.parse("2024-01-01T00:00:00Z"));
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    /** Every row of the table. */
    public static List<Case> cases() {
        Rows t = new Rows();
        strings(t);
        regexMetacharacters(t);
        money(t);
        integers(t);
        dates(t);
        tags(t);
        booleans(t);
        attributes(t);
        connectives(t);
        return List.copyOf(t.rows);
    }

    private static final class Rows {
        final List<Case> rows = new ArrayList<>();

        Rows add(String dsl, Customer c, boolean expected) {
            rows.add(new Case(dsl + "  | " + c.id().value(), DslParser.parse(dsl), c, expected));
            return this;
        }
    }

    private static void strings(Rows t) {
        // name: present on FULL ("Ann Lee"), missing on BARE
        t.add("name = \"ann lee\"", FULL, true).add("name = \"ANN LEE\"", FULL, true).add("name = \"ann\"", FULL, false)
                .add("name = \"ann lee\"", BARE, false);
        t.add("name != \"ann lee\"", FULL, false).add("name != \"bob\"", FULL, true).add("name != \"bob\"", BARE, true);
        t.add("name contains \"N L\"", FULL, true).add("name contains \"bob\"", FULL, false)
                .add("name contains \"a\"", BARE, false).add("name contains \"\"", FULL, true)
                .add("name contains \"\"", BARE, false);
        t.add("name not contains \"LEE\"", FULL, false).add("name not contains \"bob\"", FULL, true)
                .add("name not contains \"bob\"", BARE, true);
        t.add("name starts with \"ANN\"", FULL, true).add("name starts with \"lee\"", FULL, false)
                .add("name starts with \"a\"", BARE, false);
        t.add("name ends with \"LEE\"", FULL, true).add("name ends with \"ann\"", FULL, false)
                .add("name ends with \"e\"", BARE, false);
        t.add("name in [\"bob\", \"ANN LEE\"]", FULL, true).add("name in [\"bob\"]", FULL, false)
                .add("name in [\"bob\"]", BARE, false);
        t.add("name not in [\"ANN LEE\"]", FULL, false).add("name not in [\"bob\"]", FULL, true)
                .add("name not in [\"bob\"]", BARE, true);
        t.add("name exists", FULL, true).add("name exists", BARE, false);
        // email: stored lower-case, never missing
        t.add("email = \"ANN.LEE@EXAMPLE.COM\"", FULL, true).add("email ends with \"@Example.com\"", FULL, true)
                .add("email contains \"lee@\"", FULL, true).add("email exists", BARE, true)
                .add("email != \"ann.lee@example.com\"", FULL, false);
        // phone
        t.add("phone = \"+919876543210\"", FULL, true).add("phone = \"+919876543210\"", BARE, false)
                .add("phone != \"+1\"", BARE, true).add("phone starts with \"+91\"", FULL, true)
                .add("phone contains \"98765\"", FULL, true).add("phone not contains \"98765\"", FULL, false)
                .add("phone not contains \"98765\"", BARE, true).add("phone in [\"+919876543210\"]", BARE, false)
                .add("phone not in [\"+919876543210\"]", BARE, true).add("phone ends with \"10\"", BARE, false)
                .add("phone exists", FULL, true).add("phone exists", BARE, false);
        // city: non-ASCII case folding, no accent folding
        t.add("city = \"SÃO PAULO\"", FULL, true).add("city contains \"são\"", FULL, true)
                .add("city ends with \"PAULO\"", FULL, true).add("city = \"sao paulo\"", FULL, false)
                .add("city not contains \"paulo\"", BARE, true).add("city exists", BARE, false)
                .add("city in [\"são paulo\"]", FULL, true);
    }

    private static void regexMetacharacters(Rows t) {
        t.add("name contains \".*\"", REGEX, true).add("name contains \".*\"", REGEX_LOOKALIKE, false);
        t.add("name = \"a.*b (x)\"", REGEX, true).add("name = \"a.*b (x)\"", REGEX_LOOKALIKE, false);
        t.add("name starts with \"A.*\"", REGEX, true).add("name starts with \"a.*\"", REGEX_LOOKALIKE, false);
        t.add("name ends with \"(X)\"", REGEX, true).add("name ends with \"b (x)\"", REGEX_LOOKALIKE, true);
        t.add("name in [\"A.*B (X)\"]", REGEX, true).add("name in [\"a.*b (x)\"]", REGEX_LOOKALIKE, false);
        t.add("city = \"[X]{2}|^$\"", REGEX, true).add("city = \"[x]{2}\"", REGEX_LOOKALIKE, false)
                .add("city contains \"|^$\"", REGEX, true).add("city contains \"^\"", FULL, false)
                .add("city contains \"$\"", REGEX_LOOKALIKE, false).add("city not contains \"x{2}\"", REGEX_LOOKALIKE, true);
        t.add("name contains \"\\\\\"", BACKSLASH, true).add("name ends with \"h?\"", BACKSLASH, true)
                .add("name = \"back.slash?\"", BACKSLASH, false).add("name contains \"\\\\\"", FULL, false);
        t.add("tags contains \"a.b\"", REGEX, true).add("tags contains \"a.b\"", REGEX_LOOKALIKE, false);
    }

    private static void money(Rows t) {
        // FULL spent 10000.50, BARE 0, AT_THRESHOLDS exactly 10000
        t.add("totalSpent > 10000", FULL, true).add("totalSpent > 10000.5", FULL, false)
                .add("totalSpent >= 10000.5", FULL, true).add("totalSpent >= 10000.51", FULL, false);
        t.add("totalSpent = 10000.5", FULL, true).add("totalSpent = 10000.50", FULL, true)
                .add("totalSpent = 10000", FULL, false);
        t.add("totalSpent != 10000.5", FULL, false).add("totalSpent != 10000", FULL, true);
        t.add("totalSpent < 10000.51", FULL, true).add("totalSpent < 10000.5", FULL, false)
                .add("totalSpent <= 10000.5", FULL, true).add("totalSpent <= 10000.49", FULL, false);
        t.add("totalSpent between 10000.5 and 20000", FULL, true).add("totalSpent between 0 and 10000.5", FULL, true)
                .add("totalSpent between 10000.51 and 20000", FULL, false).add("totalSpent between 0 and 10000.49", FULL, false);
        t.add("totalSpent in [1, 10000.5]", FULL, true).add("totalSpent in [1, 10000]", FULL, false)
                .add("totalSpent not in [10000.5]", FULL, false).add("totalSpent not in [1]", FULL, true);
        t.add("totalSpent exists", BARE, true).add("totalSpent = 0", BARE, true).add("totalSpent > 0", BARE, false)
                .add("totalSpent >= -1", BARE, true);
        t.add("totalSpent > 10000", AT_THRESHOLDS, false).add("totalSpent >= 10000", AT_THRESHOLDS, true)
                .add("totalSpent <= 10000.00", AT_THRESHOLDS, true);
        t.add("totalSpent = 10000.5", SPLIT_HISTORY, true).add("totalSpent > 5000.25", SPLIT_HISTORY, true);
    }

    private static void integers(Rows t) {
        // FULL 2 visits, 3 orders; BARE no visits and 0 orders
        t.add("visits < 3", FULL, true).add("visits < 2", FULL, false).add("visits <= 2", FULL, true)
                .add("visits > 1", FULL, true).add("visits > 2", FULL, false).add("visits >= 3", FULL, false)
                .add("visits >= 2", FULL, true);
        t.add("visits = 2", FULL, true).add("visits != 2", FULL, false).add("visits != 3", FULL, true);
        t.add("visits between 2 and 2", FULL, true).add("visits between 3 and 5", FULL, false)
                .add("visits between 0 and 1", FULL, false);
        t.add("visits in [1, 2]", FULL, true).add("visits in [3]", FULL, false).add("visits not in [2]", FULL, false)
                .add("visits not in [5]", FULL, true);
        // visits missing on BARE (nobody said): every comparison false, the negated ones true
        t.add("visits exists", BARE, false).add("not visits exists", BARE, true).add("visits = 0", BARE, false)
                .add("visits < 3", BARE, false).add("visits <= 0", BARE, false).add("visits > 0", BARE, false)
                .add("visits >= 0", BARE, false).add("visits between 0 and 100", BARE, false)
                .add("visits in [0, 1]", BARE, false).add("visits != 0", BARE, true).add("visits not in [0]", BARE, true)
                .add("not visits < 3", BARE, true).add("not visits >= 3", BARE, true).add("not visits = 0", BARE, true);
        // 0 visits said explicitly on NEVER_VISITED
        t.add("visits exists", NEVER_VISITED, true).add("visits = 0", NEVER_VISITED, true)
                .add("visits < 3", NEVER_VISITED, true).add("visits != 0", NEVER_VISITED, false)
                .add("not visits < 3", NEVER_VISITED, false).add("visits in [0]", NEVER_VISITED, true);
        t.add("visits < 3", AT_THRESHOLDS, false).add("visits <= 3", AT_THRESHOLDS, true);
        t.add("orderCount = 3", FULL, true).add("totalOrders = 3", FULL, true).add("orderCount > 0", BARE, false)
                .add("orderCount exists", BARE, true).add("orderCount = 2", SPLIT_HISTORY, true);
    }

    private static void dates(Rows t) {
        String ninetyDaysAgo = daysAgo(90).toString();
        // FULL: last order exactly 90 days ago; BARE: never ordered
        t.add("lastOrderAt in last 90 days", FULL, true).add("lastOrderAt in last 89 days", FULL, false)
                .add("lastOrderAt not in last 90 days", FULL, false).add("lastOrderAt not in last 89 days", FULL, true);
        t.add("lastOrderAt in last 90 days", BARE, false).add("lastOrderAt not in last 90 days", BARE, true)
                .add("lastOrderAt in last 36500 days", BARE, false);
        t.add("lastOrderAt exists", FULL, true).add("lastOrderAt exists", BARE, false);
        t.add("lastOrderAt before " + ninetyDaysAgo, FULL, false)
                .add("lastOrderAt before " + daysAgo(90).plusMillis(1), FULL, true)
                .add("lastOrderAt after " + ninetyDaysAgo, FULL, false)
                .add("lastOrderAt after " + daysAgo(90).minusMillis(1), FULL, true);
        t.add("lastOrderAt between " + ninetyDaysAgo + " and " + NOW, FULL, true)
                .add("lastOrderAt between " + daysAgo(91) + " and " + ninetyDaysAgo, FULL, true)
                .add("lastOrderAt between " + daysAgo(89) + " and " + NOW, FULL, false);
        t.add("lastOrderAt before 2030-01-01", BARE, false).add("lastOrderAt after 2000-01-01", BARE, false)
                .add("lastOrderAt between 2000-01-01 and 2030-01-01", BARE, false);
        t.add("lastOrderAt in last 90 days", JUST_OUTSIDE, false).add("lastOrderAt not in last 90 days", JUST_OUTSIDE, true)
                .add("lastOrderAt in last 91 days", JUST_OUTSIDE, true);
        // future activity is not "in the last n days", so it is "not in the last n days"
        t.add("lastActiveAt in last 30 days", JUST_OUTSIDE, false).add("lastActiveAt not in last 30 days", JUST_OUTSIDE, true)
                .add("lastActiveAt after " + NOW, JUST_OUTSIDE, true);
        t.add("lastActiveAt in last 0 days", ACTIVE_NOW, true).add("lastActiveAt in last 1 day", FULL, true)
                .add("lastActiveAt in last 0 days", FULL, false).add("lastActiveAt exists", BARE, false)
                .add("lastActiveAt not in last 1 days", BARE, true);
        // a date without time is the start of that day in UTC
        t.add("createdAt after 2023-12-31", FULL, true).add("createdAt before 2024-01-01", FULL, false)
                .add("createdAt after 2024-01-01", FULL, false).add("createdAt between 2024-01-01 and 2024-01-01", FULL, true)
                .add("createdAt exists", BARE, true);
        t.add("firstOrderAt before 2025-01-01", FULL, true).add("firstOrderAt exists", BARE, false)
                .add("firstOrderAt not in last 30 days", BARE, true).add("firstOrderAt in last 365 days", FULL, true)
                .add("lastPurchaseDate in last 90 days", FULL, true);
    }

    private static void tags(Rows t) {
        // FULL: vip, new; BARE: none
        t.add("tags contains \"vip\"", FULL, true).add("tags contains \"VIP\"", FULL, true)
                .add("tags contains \" Vip \"", FULL, true).add("tags contains \"churned\"", FULL, false)
                .add("tags contains \"vip\"", BARE, false);
        t.add("tags not contains \"vip\"", FULL, false).add("tags not contains \"churned\"", FULL, true)
                .add("tags not contains \"vip\"", BARE, true);
        t.add("tags contains any [\"churned\", \"NEW\"]", FULL, true).add("tags contains any [\"churned\"]", FULL, false)
                .add("tags contains any [\"vip\"]", BARE, false);
        t.add("tags contains all [\"vip\", \"NEW\"]", FULL, true).add("tags contains all [\"vip\", \"churned\"]", FULL, false)
                .add("tags contains all [\"vip\"]", BARE, false);
        t.add("tags is empty", FULL, false).add("tags is empty", BARE, true).add("tags is not empty", BARE, false)
                .add("tags is not empty", FULL, true);
        t.add("tags contains \"vip\"", UNNORMALISED_TAGS, true).add("tags contains \"CHURNED\"", UNNORMALISED_TAGS, true);
    }

    private static void booleans(Rows t) {
        t.add("optedOut = false", FULL, true).add("optedOut = true", FULL, false).add("optedOut = true", OPTED_OUT, true)
                .add("optedOut = false", BARE, true);
    }

    private static void attributes(Rows t) {
        // text operators on plan: FULL "Gold" (text), BARE missing, MISMATCHED 10 (number)
        t.add("attributes.plan = \"gold\"", FULL, true).add("attributes.plan = \"gold\"", BARE, false)
                .add("attributes.plan = \"10\"", MISMATCHED, false);
        t.add("attributes.plan != \"gold\"", FULL, false).add("attributes.plan != \"silver\"", FULL, true)
                .add("attributes.plan != \"gold\"", BARE, true).add("attributes.plan != \"10\"", MISMATCHED, true);
        t.add("attributes.plan contains \"OL\"", FULL, true).add("attributes.plan contains \"o\"", BARE, false)
                .add("attributes.plan contains \"1\"", MISMATCHED, false);
        t.add("attributes.plan not contains \"ol\"", FULL, false).add("attributes.plan not contains \"ol\"", BARE, true)
                .add("attributes.plan not contains \"1\"", MISMATCHED, true);
        t.add("attributes.plan starts with \"go\"", FULL, true).add("attributes.plan starts with \"g\"", BARE, false)
                .add("attributes.plan starts with \"1\"", MISMATCHED, false);
        t.add("attributes.plan ends with \"LD\"", FULL, true).add("attributes.plan ends with \"d\"", BARE, false)
                .add("attributes.plan ends with \"0\"", MISMATCHED, false);
        t.add("attributes.plan in [\"silver\", \"GOLD\"]", FULL, true).add("attributes.plan in [\"gold\"]", BARE, false)
                .add("attributes.plan in [\"10\"]", MISMATCHED, false);
        t.add("attributes.plan not in [\"gold\"]", FULL, false).add("attributes.plan not in [\"silver\"]", FULL, true)
                .add("attributes.plan not in [\"gold\"]", BARE, true).add("attributes.plan not in [\"10\"]", MISMATCHED, true);
        t.add("attributes.plan exists", FULL, true).add("attributes.plan exists", BARE, false)
                .add("attributes.plan exists", MISMATCHED, true);
        // number operators on score: FULL 10 (number), BARE missing, MISMATCHED "10" (text)
        t.add("attributes.score = 10", FULL, true).add("attributes.score = 10.0", FULL, true)
                .add("attributes.score = 10", BARE, false).add("attributes.score = 10", MISMATCHED, false);
        t.add("attributes.score != 10", FULL, false).add("attributes.score != 11", FULL, true)
                .add("attributes.score != 10", BARE, true).add("attributes.score != 10", MISMATCHED, true);
        t.add("attributes.score > 9.5", FULL, true).add("attributes.score > 10", FULL, false)
                .add("attributes.score > 1", BARE, false).add("attributes.score > 1", MISMATCHED, false);
        t.add("attributes.score >= 10", FULL, true).add("attributes.score >= 10", BARE, false)
                .add("attributes.score >= 10", MISMATCHED, false);
        t.add("attributes.score < 10", FULL, false).add("attributes.score < 10.01", FULL, true)
                .add("attributes.score < 100", BARE, false).add("attributes.score < 100", MISMATCHED, false);
        t.add("attributes.score <= 10", FULL, true).add("attributes.score <= 100", BARE, false)
                .add("attributes.score <= 100", MISMATCHED, false);
        t.add("attributes.score between 10 and 20", FULL, true).add("attributes.score between 1 and 9", FULL, false)
                .add("attributes.score between 0 and 100", BARE, false).add("attributes.score between 0 and 100", MISMATCHED, false);
        t.add("attributes.score in [1, 10]", FULL, true).add("attributes.score in [1, 10]", BARE, false)
                .add("attributes.score in [1, 10]", MISMATCHED, false);
        t.add("attributes.score not in [10]", FULL, false).add("attributes.score not in [1]", FULL, true)
                .add("attributes.score not in [10]", BARE, true).add("attributes.score not in [10]", MISMATCHED, true);
        t.add("attributes.score exists", MISMATCHED, true).add("attributes.score exists", BARE, false);
        // boolean on flag: FULL true (boolean), BARE missing, MISMATCHED "true" (text)
        t.add("attributes.flag = true", FULL, true).add("attributes.flag = false", FULL, false)
                .add("attributes.flag = true", BARE, false).add("attributes.flag = false", BARE, false)
                .add("attributes.flag = true", MISMATCHED, false).add("attributes.flag exists", MISMATCHED, true);
        // a boolean met by text and number conditions, text met by a boolean condition
        t.add("attributes.flag = \"true\"", FULL, false).add("attributes.flag != \"true\"", FULL, true)
                .add("attributes.flag > 0", FULL, false).add("attributes.flag not in [1]", FULL, true)
                .add("attributes.plan = true", FULL, false).add("attributes.flag = \"true\"", MISMATCHED, true);
    }

    private static void connectives(Rows t) {
        String ref = RuleFixtures.REFERENCE_DSL;
        t.add(ref, FULL, true).add(ref, BARE, false).add(ref, NEVER_ORDERED, true).add(ref, CHURNED, false)
                .add(ref, RECENT_BUYER, false).add(ref, AT_THRESHOLDS, false);
        t.add("not name exists", BARE, true).add("name exists or phone exists", BARE, false)
                .add("name exists or email exists", BARE, true).add("not (name exists and email exists)", BARE, true)
                .add("visits = 0 and totalSpent = 0 and tags is empty", BARE, false)
                .add("not visits exists and totalSpent = 0 and orderCount = 0 and tags is empty", BARE, true)
                .add("visits < 3 or lastOrderAt not in last 90 days", BARE, true)
                .add("visits < 3 and lastOrderAt not in last 90 days", BARE, false)
                .add("visits < 3 and lastOrderAt not in last 90 days", NEVER_VISITED, true);
        t.add(ref, NEVER_VISITED, false);
    }
}
