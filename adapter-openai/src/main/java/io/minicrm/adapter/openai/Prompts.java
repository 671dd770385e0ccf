package io.minicrm.adapter.openai;

import io.minicrm.adapter.openai.ChatClient.Turn;
import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.ai.FactsSummary;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.domain.campaign.MessageTemplate;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.Signatures;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.shared.Problem;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The conversations sent to the model. The rule prompt's field catalog and operators are generated
 * from the domain ({@link StandardField}, {@link Signatures}), so it cannot drift from what the
 * validator accepts.
 */
final class Prompts {
    static final int MAX_MESSAGE_CHARS = AiAssistant.MAX_MESSAGE_CHARS;

    private Prompts() {
    }

    // ---- messages ----

    static List<Turn> messages(AiAssistant.Brief brief) {
        String system = """
                You write short marketing messages (SMS, WhatsApp or email openers) for a small business's CRM.
                Personalise with placeholders in double braces. Allowed placeholders: %s, and {{attributes.<key>}} for a
                custom attribute (key: a letter, then letters, digits or _). A placeholder may carry a fallback used when the
                customer has no value: {{firstName|there}}. Use no other placeholders and no other template syntax.
                Each message is at most %d characters, self-contained, and the variants differ from each other.
                Answer with a JSON array of exactly %d strings and nothing else: no prose, no numbering, no code fence."""
                .formatted(placeholders(), MAX_MESSAGE_CHARS, brief.count());
        StringBuilder user = new StringBuilder();
        user.append("Objective: ").append(brief.objective()).append('\n');
        user.append("Tone: ").append(brief.tone() == null ? "friendly" : brief.tone()).append('\n');
        if (brief.audience() != null && !brief.audience().isBlank()) {
            user.append("Audience: ").append(brief.audience()).append('\n');
        }
        user.append("Number of variants: ").append(brief.count());
        return List.of(Turn.system(system), Turn.user(user.toString()));
    }

    static String placeholders() {
        List<String> out = new ArrayList<>();
        for (String f : new TreeSet<>(MessageTemplate.FIELDS)) {
            out.add("{{" + f + "}}");
        }
        return String.join(", ", out);
    }

    // ---- rules ----

    static List<Turn> rule(AiAssistant.RuleRequest request, LocalDate today) {
        List<Turn> turns = new ArrayList<>();
        turns.add(Turn.system(ruleSystem(today)));
        turns.add(Turn.user("Description: " + request.description()));
        if (request.previous() != null || !request.problems().isEmpty()) {
            Object prev = request.previous();
            turns.add(Turn.assistant(prev instanceof String s ? s : JsonAnswers.write(prev)));
            StringBuilder fix = new StringBuilder();
            fix.append(prev instanceof String ? "That answer is not a JSON rule object." : "That rule is not valid.")
                    .append(" Problems (JSON path: message):\n");
            int n = 0;
            for (Problem p : request.problems()) {
                if (n++ == 20) {
                    fix.append("- ...\n");
                    break;
                }
                fix.append("- ").append(p.path().isEmpty() ? "(root)" : p.path()).append(": ").append(p.message()).append('\n');
            }
            fix.append("Answer with the corrected rule: one JSON object only, using only the fields and operators listed.");
            turns.add(Turn.user(fix.toString()));
        }
        return turns;
    }

    static String ruleSystem(LocalDate today) {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                You turn a plain-English description of a group of customers into a segment rule for a CRM.
                Answer with ONE JSON object in the canonical rule form below and nothing else: no prose, no code fence.

                Rule forms (no other keys are allowed):
                  {"and": [rule, ...]}   every rule holds
                  {"or": [rule, ...]}    at least one rule holds
                  {"not": rule}          the rule does not hold
                  {"field": "<field>", "op": "<operator>", "value": <value>}   a condition; omit "value" for exists and isEmpty

                Fields (name: type; operators):
                """);
        for (StandardField f : StandardField.values()) {
            sb.append("  ").append(f.path()).append(": ").append(f.type().label());
            String note = note(f);
            if (!note.isEmpty()) {
                sb.append(" (").append(note).append(')');
            }
            sb.append("; ").append(Signatures.describe(f.type())).append('\n');
        }
        sb.append("  attributes.<key>: ").append(FieldType.ATTRIBUTE.label())
                .append(" (string, number or boolean; key is a letter then letters, digits or _, e.g. attributes.plan); ")
                .append(Signatures.describe(FieldType.ATTRIBUTE)).append('\n');
        sb.append("\nValues by type:\n");
        for (FieldType t : EnumSet.allOf(FieldType.class)) {
            sb.append("  ").append(t.label()).append(": ").append(values(t)).append('\n');
        }
        sb.append("""

                Missing values: a customer without the field fails positive comparisons (eq, gt, contains, before, inLastDays, ...)
                and passes negated ones (ne, notIn, notContains, notInLastDays); exists is false and isEmpty is true.
                So "has not ordered in 90 days" is {"field": "lastOrderAt", "op": "notInLastDays", "value": 90}, which also
                includes customers who never ordered.
                Numbers are plain JSON numbers: no quotes, currency symbols or thousands separators (10k = 10000).
                Convert weeks to 7 days, months to 30 days and years to 365 days for inLastDays / notInLastDays.
                """);
        sb.append("Today is ").append(today).append(" (UTC).\n\n");
        sb.append("""
                Example: "spent over 10,000 and visited fewer than 3 times or has not ordered in 3 months, not tagged churned" ->
                {"and": [{"field": "totalSpent", "op": "gt", "value": 10000}, {"or": [{"field": "visits", "op": "lt", "value": 3}, \
                {"field": "lastOrderAt", "op": "notInLastDays", "value": 90}]}, {"field": "tags", "op": "notContains", "value": "churned"}]}""");
        return sb.toString();
    }

    private static String note(StandardField f) {
        return switch (f) {
            case EMAIL -> "stored lower-case";
            case TOTAL_SPENT -> "total of completed orders";
            case ORDER_COUNT -> "number of completed orders";
            case VISITS -> "number of visits";
            case FIRST_ORDER_AT -> "first order";
            case LAST_ORDER_AT -> "most recent order";
            case LAST_ACTIVE_AT -> "last seen active";
            case CREATED_AT -> "when the customer joined";
            case TAGS -> "labels such as vip; lower-case";
            case OPTED_OUT -> "true when the customer unsubscribed";
            default -> "";
        };
    }

    private static String values(FieldType t) {
        return switch (t) {
            case STRING -> "text (literal, case-insensitive, never a regex or wildcard); in / notIn take a list of texts";
            case MONEY, INTEGER -> "a number; between takes [low, high] (inclusive); in / notIn take a list of numbers"
                    + (t == FieldType.INTEGER ? "; whole numbers" : "");
            case DATE -> "before / after take an ISO-8601 date (\"2024-01-31\") or instant; between takes [from, to];"
                    + " inLastDays / notInLastDays take a whole number of days";
            case SET -> "contains / notContains take one text; containsAny / containsAll take a list; isEmpty takes no value";
            case BOOLEAN -> "eq with true or false";
            case ATTRIBUTE -> "eq with text, number or true/false; ne, contains, startsWith, endsWith with text;"
                    + " gt, gte, lt, lte, between with numbers";
        };
    }

    // ---- summary ----

    static List<Turn> summary(CampaignFacts f) {
        String system = """
                You write a short summary (2 to 4 sentences, plain text, no markdown) of how a marketing campaign's
                delivery went, for the marketer who ran it. Use ONLY the facts given. Every number you write must appear
                in the facts exactly as written there: do not compute, round, estimate or invent any other number
                (no differences, ratios, dates, counts or percentages that are not listed). You may leave facts out.""";
        return List.of(Turn.system(system), Turn.user(facts(f)));
    }

    static String facts(CampaignFacts f) {
        StringBuilder sb = new StringBuilder("Facts:\n");
        sb.append("- campaign name: \"").append(f.campaignName()).append("\"\n");
        sb.append("- status: ").append(f.status()).append('\n');
        sb.append("- recipients (audience): ").append(f.audience()).append('\n');
        sb.append("- delivered (sent): ").append(f.sent()).append('\n');
        sb.append("- failed: ").append(f.failed()).append('\n');
        sb.append("- still pending: ").append(f.pending()).append('\n');
        sb.append("- retries after temporary failures: ").append(f.retries()).append('\n');
        sb.append("- skipped (frequency cap or opted out): ").append(f.skipped()).append('\n');
        sb.append("- delivery rate: ").append(percent(f.deliveryRatePercent())).append("%\n");
        f.duration().ifPresent(d -> sb.append("- sending took: ").append(duration(d)).append('\n'));
        f.previousMedianRatePercent().ifPresent(m -> {
            double diff = f.deliveryRatePercent() - m;
            sb.append("- median delivery rate of the previous ").append(f.previousCampaigns()).append(" completed campaigns: ")
                    .append(percent(m)).append("%\n");
            sb.append("- compared with that median this campaign did ")
                    .append(Math.abs(diff) < 0.05 ? "the same" : (diff > 0 ? "better, by " : "worse, by ") + percent(Math.abs(diff))
                            + " percentage points").append('\n');
        });
        return sb.toString();
    }

    static String percent(double p) {
        return FactsSummary.percent(p);
    }

    static String duration(Duration d) {
        return FactsSummary.duration(d);
    }
}
