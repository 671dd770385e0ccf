package example;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.syntax.DslPrinter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * README "Use it as a library": the rule engine alone (crm-domain only, no dependency). The code between the
 * markers is the README's, word for word (ReadmeExamplesTest).
 */
public final class RuleEngineExample {
    private RuleEngineExample() {
    }

    public static void main(String[] args) {
        // README:rule-engine
        Rule rule = DslParser.parse("totalSpent > 10000 and (city = \"Pune\" or tags contains \"vip\")");
        Customer asha = Customer.create(CustomerId.of("c1"), CustomerProfileReader.json().read(
                Map.of("email", "asha@example.com", "city", "Pune", "totalSpent", 20000)), Instant.now());
        boolean matches = CompiledRule.compile(rule, Clock.systemUTC()).matches(asha);
        System.out.println(DslPrinter.print(rule) + " -> " + matches);
        // README:end
    }
}
