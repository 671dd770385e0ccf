package example;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.rules.Rules;
import io.minicrm.domain.segment.Rule;

/**
 * README "Use it as a library": the rule engine alone (crm-domain only, no dependency). The code between the
 * markers is the README's, word for word (ReadmeExamplesTest).
 */
public final class RuleEngineExample {
    private RuleEngineExample() {
    }

    public static void main(String[] args) {
        // README:rule-engine
        Rule rule = Rules.parse("totalSpent > 10000 and (city = \"Pune\" or tags contains \"vip\")");
        Customer asha = Customer.builder().email("asha@example.com").city("Pune").totalSpent(20000).build();
        System.out.println(Rules.toDsl(rule) + " -> " + Rules.matches(rule, asha));
        System.out.println(Rules.toJson(rule));   // the canonical JSON text the API stores
        // README:end
    }
}
