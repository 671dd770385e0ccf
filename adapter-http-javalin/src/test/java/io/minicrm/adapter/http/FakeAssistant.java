package io.minicrm.adapter.http;

import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.port.AiAssistant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic writing assistant for tests (the real ones live in adapter-openai): message drafts from
 * the objective, rules from a few recognised phrasings, summaries from the facts' own numbers.
 */
final class FakeAssistant implements AiAssistant {
    private static final Pattern SPENT = Pattern.compile("spent (?:over|more than) (\\d+)");
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Drafts suggestMessages(Brief brief) {
        calls.incrementAndGet();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= brief.count(); i++) {
            out.add("Hi {{name|there}}, " + brief.objective() + " (" + brief.tone() + " #" + i + ")");
        }
        return new Drafts(out, "fallback");
    }

    @Override
    public RuleProposal proposeRule(RuleRequest request) {
        calls.incrementAndGet();
        String d = request.description().toLowerCase(java.util.Locale.ROOT);
        if (d.contains("nonsense")) {
            return new RuleProposal(Map.of("field", "shoeSize", "op", "gt", "value", 3), "fallback");
        }
        if (d.contains("either")) {
            // OR of an AND and a condition: valid, but without a legacy rule-group form
            return new RuleProposal(Map.of("or", List.of(
                    Map.of("and", List.of(cond("city", "eq", "Pune"), cond("visits", "gt", 2))),
                    cond("tags", "contains", "vip"))), "fallback");
        }
        Matcher m = SPENT.matcher(d);
        BigDecimal over = m.find() ? new BigDecimal(m.group(1)) : BigDecimal.valueOf(1000);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("and", List.of(cond("totalSpent", "gt", over), cond("visits", "lt", 3)));
        return new RuleProposal(rule, "fallback");
    }

    @Override
    public Phrasing phraseSummary(CampaignFacts f) {
        calls.incrementAndGet();
        return new Phrasing("Campaign " + f.campaignName() + " reached " + f.audience() + " customers: " + f.sent()
                + " delivered and " + f.failed() + " failed.", "fallback");
    }

    private static Map<String, Object> cond(String field, String op, Object value) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("field", field);
        c.put("op", op);
        c.put("value", value);
        return c;
    }
}
