package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.shared.TextFold;
import java.util.List;

/**
 * Conditions on text: the string catalog fields and text-valued custom attributes. A value may be missing
 * (null); operands are case-folded once at compile time and compared with {@link TextFold}.
 */
final class TextNodes {
    private TextNodes() {
    }

    /** Reads a text value of a customer: a catalog field or a text attribute (null when missing or not text). */
    abstract static class TextSource {
        abstract String get(Customer c);

        static TextSource of(StandardField field) {
            return switch (field) {
                case NAME -> new TextSource() {
                    @Override
                    String get(Customer c) {
                        return c.name();
                    }
                };
                case EMAIL -> new TextSource() {
                    @Override
                    String get(Customer c) {
                        return c.email().value();
                    }
                };
                case PHONE -> new TextSource() {
                    @Override
                    String get(Customer c) {
                        return c.phone();
                    }
                };
                case CITY -> new TextSource() {
                    @Override
                    String get(Customer c) {
                        return c.city();
                    }
                };
                default -> throw new IllegalArgumentException(field.path());
            };
        }

        static TextSource attribute(String key) {
            return new TextSource() {
                @Override
                String get(Customer c) {
                    return c.attributes().get(key) instanceof AttributeValue.Text t ? t.value() : null;
                }
            };
        }
    }

    static Node compile(StandardField field, Condition c) {
        return compile(TextSource.of(field), c);
    }

    static Node compile(TextSource s, Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> new Eq(s, fold(v));
            case NE -> new Eq(s, fold(v)).negate();
            case CONTAINS -> new Contains(s, fold(v));
            case NOT_CONTAINS -> new Contains(s, fold(v)).negate();
            case STARTS_WITH -> new StartsWith(s, fold(v));
            case ENDS_WITH -> new EndsWith(s, fold(v));
            case IN -> new In(s, foldAll(((Operand.TextList) v).values()));
            case NOT_IN -> new In(s, foldAll(((Operand.TextList) v).values())).negate();
            case EXISTS -> new Exists(s);
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    private static String fold(Operand v) {
        return TextFold.fold(((Operand.Text) v).value());
    }

    private static String[] foldAll(List<String> values) {
        return values.stream().map(TextFold::fold).toArray(String[]::new);
    }

    static final class Eq extends Node {
        private final TextSource s;
        private final String x;

        Eq(TextSource s, String x) {
            this.s = s;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            return v != null && TextFold.equalsFolded(v, x);
        }
    }

    static final class Contains extends Node {
        private final TextSource s;
        private final String x;

        Contains(TextSource s, String x) {
            this.s = s;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            return v != null && TextFold.containsFolded(v, x);
        }
    }

    static final class StartsWith extends Node {
        private final TextSource s;
        private final String x;

        StartsWith(TextSource s, String x) {
            this.s = s;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            return v != null && TextFold.startsWithFolded(v, x);
        }
    }

    static final class EndsWith extends Node {
        private final TextSource s;
        private final String x;

        EndsWith(TextSource s, String x) {
            this.s = s;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            return v != null && TextFold.endsWithFolded(v, x);
        }
    }

    static final class In extends Node {
        private final TextSource s;
        private final String[] xs;

        In(TextSource s, String[] xs) {
            this.s = s;
            this.xs = xs;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            if (v == null) {
                return false;
            }
            for (String x : xs) {
                if (TextFold.equalsFolded(v, x)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Exists extends Node {
        private final TextSource s;

        Exists(TextSource s) {
            this.s = s;
        }

        @Override
        boolean test(Customer c, long now) {
            return s.get(c) != null;
        }
    }
}
