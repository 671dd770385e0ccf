package io.minicrm.domain.segment;

import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The value side of a condition. Numbers are normalised and instants are millisecond-precise, so equal values are equal records. */
public sealed interface Operand {

    /** No value ({@code exists}, {@code isEmpty}). */
    record None() implements Operand {
        /** The one instance. */
        public static final None INSTANCE = new None();
    }

    /** A text value. */
    record Text(String value) implements Operand {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A number, exact. */
    record Num(BigDecimal value) implements Operand {
        public Num {
            value = Numbers.normalise(Objects.requireNonNull(value, "value"));
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements Operand {
    }

    /** An instant, for {@code before}/{@code after}. */
    record Date(Instant value) implements Operand {
        public Date {
            value = Times.millis(Objects.requireNonNull(value, "value"));
        }
    }

    /** A number of days for {@code inLastDays} / {@code notInLastDays}. */
    record Days(int value) implements Operand {
        public Days {
            if (value < 0) {
                throw new IllegalArgumentException("days must not be negative");
            }
        }
    }

    /** A list of texts, for {@code in}/{@code notIn} and the tag operators. */
    record TextList(List<String> values) implements Operand {
        public TextList {
            values = List.copyOf(values);
        }
    }

    /** A list of numbers, for {@code in}/{@code notIn}. */
    record NumList(List<BigDecimal> values) implements Operand {
        public NumList {
            values = values.stream().map(Numbers::normalise).toList();
        }
    }

    /** Inclusive numeric range. */
    record NumRange(BigDecimal low, BigDecimal high) implements Operand {
        public NumRange {
            low = Numbers.normalise(low);
            high = Numbers.normalise(high);
        }
    }

    /** Inclusive date range. */
    record DateRange(Instant low, Instant high) implements Operand {
        public DateRange {
            low = Times.millis(low);
            high = Times.millis(high);
        }
    }
}
