package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import java.util.Set;

/** Conditions on the customer's tags: never missing (no tags is the empty set); tags are compared exactly. */
final class TagNodes {
    private TagNodes() {
    }

    static Node compile(Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case CONTAINS -> new Contains(((Operand.Text) v).value());
            case NOT_CONTAINS -> new Contains(((Operand.Text) v).value()).negate();
            case CONTAINS_ANY -> new ContainsAny(((Operand.TextList) v).values().toArray(String[]::new));
            case CONTAINS_ALL -> new ContainsAll(((Operand.TextList) v).values().toArray(String[]::new));
            case IS_EMPTY -> new Empty();
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    static final class Contains extends Node {
        private final String tag;

        Contains(String tag) {
            this.tag = tag;
        }

        @Override
        boolean test(Customer c, long now) {
            return c.tags().contains(tag);
        }

        @Override
        Node negate() {
            return new NotContains(tag);
        }
    }

    static final class NotContains extends Node {
        private final String tag;

        NotContains(String tag) {
            this.tag = tag;
        }

        @Override
        boolean test(Customer c, long now) {
            return !c.tags().contains(tag);
        }

        @Override
        Node negate() {
            return new Contains(tag);
        }
    }

    static final class ContainsAny extends Node {
        private final String[] tags;

        ContainsAny(String[] tags) {
            this.tags = tags;
        }

        @Override
        boolean test(Customer c, long now) {
            Set<String> have = c.tags();
            for (String t : tags) {
                if (have.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class ContainsAll extends Node {
        private final String[] tags;

        ContainsAll(String[] tags) {
            this.tags = tags;
        }

        @Override
        boolean test(Customer c, long now) {
            Set<String> have = c.tags();
            for (String t : tags) {
                if (!have.contains(t)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Empty extends Node {
        @Override
        boolean test(Customer c, long now) {
            return c.tags().isEmpty();
        }
    }
}
