package io.minicrm.application.segment;

import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.StandardField;
import java.util.ArrayList;
import java.util.List;

/** The audience of a segment: its rule restricted to customers who have not opted out. */
public final class Audience {
    private static final Rule OPTED_IN = new Condition(StandardField.OPTED_OUT, Operator.EQ, new Operand.Bool(false));

    private Audience() {
    }

    /** {@code rule and optedOut = false} (flattened into a top-level and). */
    public static Rule reachable(Rule rule) {
        List<Rule> parts = new ArrayList<>();
        if (rule instanceof Rule.And and) {
            parts.addAll(and.rules());
        } else {
            parts.add(rule);
        }
        if (!parts.contains(OPTED_IN)) {
            parts.add(OPTED_IN);
        }
        return Rule.and(parts);
    }
}
