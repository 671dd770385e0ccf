package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.StandardField;

/** Conditions on the boolean catalog field ({@code optedOut}): always present, only {@code eq}. */
final class BooleanNodes {
    private BooleanNodes() {
    }

    static Node compile(StandardField field, Condition c) {
        if (field != StandardField.OPTED_OUT) {
            throw new IllegalArgumentException(field.path());
        }
        return new OptedOutEq(((Operand.Bool) c.operand()).value());
    }

    static final class OptedOutEq extends Node {
        private final boolean x;

        OptedOutEq(boolean x) {
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return c.optedOut() == x;
        }

        @Override
        Node negate() {
            return new OptedOutEq(!x);
        }
    }
}
