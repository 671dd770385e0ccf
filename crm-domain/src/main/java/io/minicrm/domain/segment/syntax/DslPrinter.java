package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Rule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** Prints a rule as DSL text that {@link DslParser} reads back to an equal rule. */
public final class DslPrinter {
    private DslPrinter() {
    }

    /** The rule as DSL text. */
    public static String print(Rule rule) {
        StringBuilder sb = new StringBuilder();
        write(rule, sb);
        return sb.toString();
    }

    private static void write(Rule rule, StringBuilder sb) {
        if (rule instanceof Rule.And a) {
            join(a.rules(), " and ", sb, r -> r instanceof Rule.And || r instanceof Rule.Or);
        } else if (rule instanceof Rule.Or o) {
            join(o.rules(), " or ", sb, r -> r instanceof Rule.Or);
        } else if (rule instanceof Rule.Not n) {
            sb.append("not ");
            boolean wrap = n.rule() instanceof Rule.And || n.rule() instanceof Rule.Or;
            if (wrap) {
                sb.append('(');
            }
            write(n.rule(), sb);
            if (wrap) {
                sb.append(')');
            }
        } else if (rule instanceof Condition c) {
            condition(c, sb);
        }
    }

    private static void join(List<Rule> rules, String sep, StringBuilder sb, java.util.function.Predicate<Rule> wrap) {
        for (int i = 0; i < rules.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            Rule r = rules.get(i);
            if (wrap.test(r)) {
                sb.append('(');
                write(r, sb);
                sb.append(')');
            } else {
                write(r, sb);
            }
        }
    }

    private static void condition(Condition c, StringBuilder sb) {
        sb.append(c.field().path()).append(' ');
        Operand v = c.operand();
        switch (c.op()) {
            case EQ -> sb.append("= ").append(value(v));
            case NE -> sb.append("!= ").append(value(v));
            case GT -> sb.append("> ").append(value(v));
            case GTE -> sb.append(">= ").append(value(v));
            case LT -> sb.append("< ").append(value(v));
            case LTE -> sb.append("<= ").append(value(v));
            case BETWEEN -> sb.append("between ").append(range(v));
            case IN -> sb.append("in ").append(value(v));
            case NOT_IN -> sb.append("not in ").append(value(v));
            case EXISTS -> sb.append("exists");
            case CONTAINS -> sb.append("contains ").append(value(v));
            case NOT_CONTAINS -> sb.append("not contains ").append(value(v));
            case STARTS_WITH -> sb.append("starts with ").append(value(v));
            case ENDS_WITH -> sb.append("ends with ").append(value(v));
            case BEFORE -> sb.append("before ").append(value(v));
            case AFTER -> sb.append("after ").append(value(v));
            case IN_LAST_DAYS -> sb.append("in last ").append(((Operand.Days) v).value()).append(" days");
            case NOT_IN_LAST_DAYS -> sb.append("not in last ").append(((Operand.Days) v).value()).append(" days");
            case CONTAINS_ANY -> sb.append("contains any ").append(value(v));
            case CONTAINS_ALL -> sb.append("contains all ").append(value(v));
            case IS_EMPTY -> sb.append("is empty");
        }
    }

    private static String range(Operand v) {
        if (v instanceof Operand.NumRange r) {
            return number(r.low()) + " and " + number(r.high());
        }
        Operand.DateRange r = (Operand.DateRange) v;
        return date(r.low()) + " and " + date(r.high());
    }

    private static String value(Operand v) {
        if (v instanceof Operand.Text t) {
            return quote(t.value());
        }
        if (v instanceof Operand.Num n) {
            return number(n.value());
        }
        if (v instanceof Operand.Bool b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof Operand.Date d) {
            return date(d.value());
        }
        if (v instanceof Operand.TextList l) {
            return l.values().stream().map(DslPrinter::quote).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Operand.NumList l) {
            return l.values().stream().map(DslPrinter::number).collect(Collectors.joining(", ", "[", "]"));
        }
        throw new IllegalArgumentException("no DSL form for " + v);
    }

    private static String number(BigDecimal d) {
        return d.toPlainString();
    }

    private static String date(Instant t) {
        if (t.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return t.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        return t.toString();
    }

    /** A DSL string literal: double quotes, with {@code "}, {@code \} and control characters escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
