package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Numbers;
import java.math.BigDecimal;
import java.util.Objects;

/** The value of a custom attribute: text, number or boolean. */
public sealed interface AttributeValue permits AttributeValue.Text, AttributeValue.Num, AttributeValue.Bool {

    /** The plain Java value (String, BigDecimal or Boolean). */
    Object raw();

    /** A text value. */
    record Text(String value) implements AttributeValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /** A number, normalised (no trailing zeros) so equal numbers are equal records. */
    record Num(BigDecimal value) implements AttributeValue {
        public Num {
            value = Numbers.normalise(Objects.requireNonNull(value, "value"));
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /** A boolean value. */
    record Bool(boolean value) implements AttributeValue {
        @Override
        public Object raw() {
            return value;
        }
    }
}
