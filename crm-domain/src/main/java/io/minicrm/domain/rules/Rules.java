package io.minicrm.domain.rules;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.segment.syntax.CanonicalRuleWriter;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.syntax.DslPrinter;
import io.minicrm.domain.segment.syntax.RuleReaders;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The rule engine in one class: read a segment rule from text, print it, test customers against it. Needs
 * nothing but crm-domain (no other dependency).
 *
 * <pre>{@code
 * Rule rule = Rules.parse("totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days)");
 * Customer ann = Customer.builder().email("ann@example.com").totalSpent("12000").visits(2).build();
 * Rules.matches(rule, ann);   // true
 * Rules.toJson(rule);         // {"and":[{"field":"totalSpent","op":"gt","value":10000},{"or":[...]}]}
 * Rules.toDsl(Rules.parse("{\"field\": \"city\", \"op\": \"eq\", \"value\": \"Pune\"}"));  // city = "Pune"
 * }</pre>
 *
 * <p>A rule has three spellings, all read into the same {@link Rule}: canonical JSON
 * ({@code {"and": [{"field": "totalSpent", "op": "gt", "value": 10000}, ...]}}), the original frontend's rule
 * groups ({@code [{"condition": "AND", "rules": [...]}]}) and the DSL ({@code totalSpent > 10000 and ...});
 * {@code {"dsl": "..."}} wraps DSL text in JSON. The language (fields, operators, missing values, limits) is
 * described in {@code docs/rules.md}.
 *
 * <p>Every reading method returns a valid rule within {@link io.minicrm.domain.segment.RuleLimits} or throws an
 * {@link InvalidRuleException}, whose {@link InvalidRuleException#problems() problems} name every mistake with its
 * path ({@code /and/1/value}) and, for text, its line and column. Nothing else is thrown, whatever the input.
 *
 * <p>For many customers, {@link #compile} a rule once and use the {@link CompiledRule}: it evaluates a customer
 * without allocating. Rules are immutable and every method is thread-safe.
 */
public final class Rules {
    private Rules() {
    }

    /**
     * Reads a rule from text in any spelling: JSON (canonical, legacy rule groups or {@code {"dsl": "..."}}) when
     * it starts with <code>{</code>, {@code [} or {@code "}, otherwise DSL.
     *
     * @throws InvalidRuleException when the text is not a valid rule
     */
    public static Rule parse(String text) {
        return RuleReaders.readText(text);
    }

    /**
     * Reads a rule from DSL text, e.g. {@code city = "Pune" and not tags contains "churned"}.
     *
     * @throws InvalidRuleException when the text is not a valid rule; syntax errors name line and column
     */
    public static Rule parseDsl(String dsl) {
        return DslParser.parse(dsl);
    }

    /**
     * Reads a rule from JSON text: canonical, legacy rule groups or {@code {"dsl": "..."}}. The text must be
     * strict JSON (RFC 8259: no comments or trailing commas, no duplicate keys).
     *
     * @throws InvalidRuleException when the text is not JSON or not a valid rule
     */
    public static Rule parseJson(String json) {
        return RuleReaders.readJson(json);
    }

    /**
     * Reads a rule from a JSON tree that a JSON library already parsed ({@code Map}/{@code List}/{@code String}/
     * {@code Number}/{@code Boolean}/{@code null}); take numbers as {@code BigDecimal} or {@code Long}, not
     * {@code double}, to keep amounts exact.
     *
     * @throws InvalidRuleException when the tree is not a valid rule
     */
    public static Rule fromTree(Object tree) {
        return RuleReaders.readAny(tree);
    }

    /** The rule as compact canonical JSON text, which {@link #parseJson} reads back to an equal rule. */
    public static String toJson(Rule rule) {
        return CanonicalRuleWriter.toJson(Objects.requireNonNull(rule, "rule"));
    }

    /** The rule as DSL text, which {@link #parseDsl} reads back to an equal rule. */
    public static String toDsl(Rule rule) {
        return DslPrinter.print(Objects.requireNonNull(rule, "rule"));
    }

    /** The rule as a canonical JSON tree (ordered maps, lists, strings, {@code Long}/{@code BigDecimal}, booleans). */
    public static Map<String, Object> toTree(Rule rule) {
        return CanonicalRuleWriter.write(Objects.requireNonNull(rule, "rule"));
    }

    /** The rule compiled for fast evaluation; relative dates ({@code in last 30 days}) count from the system clock. */
    public static CompiledRule compile(Rule rule) {
        return compile(rule, Clock.systemUTC());
    }

    /** The rule compiled for fast evaluation; relative dates count from {@code clock} at evaluation time. */
    public static CompiledRule compile(Rule rule, Clock clock) {
        return CompiledRule.compile(Objects.requireNonNull(rule, "rule"), clock);
    }

    /** Whether {@code customer} matches {@code rule} now (by the system clock). Compiles the rule each call. */
    public static boolean matches(Rule rule, Customer customer) {
        return matches(rule, customer, Instant.now());
    }

    /** Whether {@code customer} matches {@code rule} at {@code now}, the instant relative dates count from. */
    public static boolean matches(Rule rule, Customer customer, Instant now) {
        Objects.requireNonNull(customer, "customer");
        return compile(rule).matches(customer, now.toEpochMilli());
    }

    /**
     * Whether {@code customer} matches the rule in {@code text} (any spelling, as {@link #parse}) now.
     *
     * @throws InvalidRuleException when the text is not a valid rule
     */
    public static boolean matches(String text, Customer customer) {
        return matches(parse(text), customer);
    }
}
