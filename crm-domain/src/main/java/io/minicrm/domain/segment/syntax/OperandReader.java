package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.segment.FieldRef;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

import static io.minicrm.domain.segment.Operator.*;

/**
 * Turns the raw value of a condition (a plain Java value from JSON, legacy JSON or the DSL) into a
 * typed {@link Operand} for the field and operator, or reports why it cannot. Shared by every
 * reader, so all three spellings accept and reject the same values.
 */
final class OperandReader {

    /** How strictly raw values are typed. */
    enum Mode {
        /** Canonical JSON and DSL: numbers must be numbers, booleans booleans. */
        STRICT,
        /** Legacy rule groups: strings holding numbers or booleans are coerced by the field type. */
        LEGACY
    }

    private final Mode mode;

    OperandReader(Mode mode) {
        this.mode = mode;
    }

    /**
     * @param present whether a value was given at all (distinguishes an absent value from {@code null})
     * @return the operand, or empty after adding problems at {@code path}
     */
    Optional<Operand> read(FieldRef field, Operator op, boolean present, Object raw, String path, List<Problem> problems) {
        int before = problems.size();
        if (op.isUnary()) {
            if (present && raw != null && !(mode == Mode.LEGACY && "".equals(raw))) {
                problems.add(new Problem(path, op.wire() + " takes no value"));
                return Optional.empty();
            }
            return Optional.of(Operand.None.INSTANCE);
        }
        if (!present || raw == null) {
            problems.add(new Problem(path, "a value is required for " + op.wire()));
            return Optional.empty();
        }
        Operand result = switch (field.type()) {
            case STRING -> (op == IN || op == NOT_IN) ? textList(raw, field, path, problems) : text(raw, field, path, problems);
            case MONEY, INTEGER -> numeric(field, op, raw, path, problems);
            case DATE -> date(field, op, raw, path, problems);
            case SET -> (op == CONTAINS_ANY || op == CONTAINS_ALL) ? tagList(raw, field, path, problems) : tag(raw, field, path, problems);
            case BOOLEAN -> bool(raw, field, path, problems);
            case ATTRIBUTE -> attribute(field, op, raw, path, problems);
        };
        if (result == null || problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(result);
    }

    private Operand attribute(FieldRef field, Operator op, Object raw, String path, List<Problem> problems) {
        return switch (op) {
            case EQ, NE -> {
                if (raw instanceof Boolean b) {
                    if (op == NE) {
                        problems.add(new Problem(path, "use eq with true or false for boolean attributes"));
                        yield null;
                    }
                    yield new Operand.Bool(b);
                }
                if (raw instanceof Number) {
                    yield number(raw, field, path, problems);
                }
                yield text(raw, field, path, problems);
            }
            case GT, GTE, LT, LTE -> number(raw, field, path, problems);
            case BETWEEN -> numRange(raw, field, path, problems);
            case IN, NOT_IN -> {
                if (raw instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof Number)) {
                    yield numList(raw, field, path, problems);
                }
                yield textList(raw, field, path, problems);
            }
            default -> text(raw, field, path, problems);
        };
    }

    private Operand numeric(FieldRef field, Operator op, Object raw, String path, List<Problem> problems) {
        return switch (op) {
            case BETWEEN -> numRange(raw, field, path, problems);
            case IN, NOT_IN -> numList(raw, field, path, problems);
            default -> number(raw, field, path, problems);
        };
    }

    private Operand date(FieldRef field, Operator op, Object raw, String path, List<Problem> problems) {
        return switch (op) {
            case IN_LAST_DAYS, NOT_IN_LAST_DAYS -> days(raw, field, path, problems);
            case BETWEEN -> {
                List<?> pair = pair(raw, field, "dates", path, problems);
                if (pair == null) {
                    yield null;
                }
                Instant lo = instant(pair.get(0), field, path + "/0", problems);
                Instant hi = instant(pair.get(1), field, path + "/1", problems);
                if (lo == null || hi == null) {
                    yield null;
                }
                if (lo.isAfter(hi)) {
                    problems.add(new Problem(path, "the first date is after the second"));
                    yield null;
                }
                yield new Operand.DateRange(lo, hi);
            }
            default -> {
                Instant t = instant(raw, field, path, problems);
                yield t == null ? null : new Operand.Date(t);
            }
        };
    }

    private Operand.Text text(Object raw, FieldRef field, String path, List<Problem> problems) {
        if (!(raw instanceof String s)) {
            problems.add(new Problem(path, "expected a string for field " + field.path() + ", got " + Numbers.describe(raw)));
            return null;
        }
        if (s.length() > RuleLimits.MAX_STRING) {
            problems.add(new Problem(path, "string longer than " + RuleLimits.MAX_STRING + " characters"));
            return null;
        }
        int broken = unpairedSurrogate(s);
        if (broken >= 0) {
            // not a character: stores would write it as "?" and match what memory does not
            problems.add(new Problem(path, String.format("the text holds \\u%04x, half of a surrogate pair, which is not a"
                    + " character", (int) s.charAt(broken))));
            return null;
        }
        return new Operand.Text(s);
    }

    /** Index of the first surrogate that is not half of a pair, or -1 when the text is well-formed UTF-16. */
    static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private Operand.Text tag(Object raw, FieldRef field, String path, List<Problem> problems) {
        Operand.Text t = text(raw, field, path, problems);
        if (t == null) {
            return null;
        }
        String n = CustomerProfile.normaliseTag(t.value());
        if (n.isEmpty()) {
            problems.add(new Problem(path, "a tag must not be blank"));
            return null;
        }
        return new Operand.Text(n);
    }

    private Operand.TextList textList(Object raw, FieldRef field, String path, List<Problem> problems) {
        List<Operand.Text> items = elements(raw, field, "strings", path, problems, (item, at) -> text(item, field, at, problems));
        return items == null ? null : new Operand.TextList(items.stream().map(Operand.Text::value).toList());
    }

    private Operand.TextList tagList(Object raw, FieldRef field, String path, List<Problem> problems) {
        List<Operand.Text> items = elements(raw, field, "strings", path, problems, (item, at) -> tag(item, field, at, problems));
        return items == null ? null : new Operand.TextList(items.stream().map(Operand.Text::value).toList());
    }

    private Operand.Num number(Object raw, FieldRef field, String path, List<Problem> problems) {
        Optional<BigDecimal> d = decimal(raw);
        if (d.isEmpty()) {
            String what = field.type() == FieldType.INTEGER ? "a whole number" : "a number";
            problems.add(new Problem(path, "expected " + what + " for field " + field.path() + ", got " + Numbers.describe(raw)));
            return null;
        }
        BigDecimal v = d.get();
        if (field.type() == FieldType.INTEGER && !Numbers.isInteger(v)) {
            problems.add(new Problem(path, "expected a whole number for field " + field.path() + ", got " + v.toPlainString()));
            return null;
        }
        if (field.type() == FieldType.MONEY) {
            if (v.scale() > 2) {
                problems.add(new Problem(path, "amounts have at most 2 decimals, got " + v.toPlainString()));
                return null;
            }
            if (v.abs().compareTo(BigDecimal.TEN.pow(13)) > 0) {
                problems.add(new Problem(path, "amount out of range: " + v.toPlainString()));
                return null;
            }
        }
        return new Operand.Num(v);
    }

    /** A number given as a number or, in legacy rule groups only, as text. */
    private Optional<BigDecimal> decimal(Object raw) {
        Optional<BigDecimal> d = Numbers.toDecimal(raw);
        return d.isEmpty() && mode == Mode.LEGACY && raw instanceof String s ? Numbers.parse(s) : d;
    }

    private Operand.NumList numList(Object raw, FieldRef field, String path, List<Problem> problems) {
        List<Operand.Num> items = elements(raw, field, "numbers", path, problems, (item, at) -> number(item, field, at, problems));
        return items == null ? null : new Operand.NumList(items.stream().map(Operand.Num::value).toList());
    }

    private Operand.NumRange numRange(Object raw, FieldRef field, String path, List<Problem> problems) {
        List<?> pair = pair(raw, field, "numbers", path, problems);
        if (pair == null) {
            return null;
        }
        Operand.Num lo = number(pair.get(0), field, path + "/0", problems);
        Operand.Num hi = number(pair.get(1), field, path + "/1", problems);
        if (lo == null || hi == null) {
            return null;
        }
        if (lo.value().compareTo(hi.value()) > 0) {
            problems.add(new Problem(path, "the first number is greater than the second"));
            return null;
        }
        return new Operand.NumRange(lo.value(), hi.value());
    }

    private Operand.Days days(Object raw, FieldRef field, String path, List<Problem> problems) {
        Optional<BigDecimal> d = decimal(raw);
        if (d.isEmpty() || !Numbers.isInteger(d.get()) || d.get().signum() < 0
                || d.get().compareTo(BigDecimal.valueOf(RuleLimits.MAX_DAYS)) > 0) {
            problems.add(new Problem(path, "expected a whole number of days from 0 to " + RuleLimits.MAX_DAYS
                    + " for field " + field.path() + ", got " + Numbers.describe(raw)));
            return null;
        }
        return new Operand.Days(d.get().intValueExact());
    }

    private Operand.Bool bool(Object raw, FieldRef field, String path, List<Problem> problems) {
        if (raw instanceof Boolean b) {
            return new Operand.Bool(b);
        }
        if (mode == Mode.LEGACY && raw instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return new Operand.Bool(Boolean.parseBoolean(t));
            }
        }
        problems.add(new Problem(path, "expected true or false for field " + field.path() + ", got " + Numbers.describe(raw)));
        return null;
    }

    private Instant instant(Object raw, FieldRef field, String path, List<Problem> problems) {
        if (raw instanceof String s) {
            Optional<Instant> t = Times.parse(s);
            if (t.isPresent()) {
                return t.get();
            }
        }
        problems.add(new Problem(path, "expected an ISO-8601 date (2025-01-31) or date-time for field " + field.path()
                + ", got " + Numbers.describe(raw)));
        return null;
    }

    /**
     * Every element of a list value, read by {@code element} from the raw item and its path (all problems
     * reported); null when the list or any element is not valid.
     */
    private <T> List<T> elements(Object raw, FieldRef field, String what, String path, List<Problem> problems,
                                 BiFunction<Object, String, T> element) {
        List<?> list = list(raw, field, what, path, problems);
        if (list == null) {
            return null;
        }
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            T item = element.apply(list.get(i), path + "/" + i);
            if (item != null) {
                out.add(item);
            }
        }
        return out.size() == list.size() ? out : null;
    }

    private List<?> list(Object raw, FieldRef field, String what, String path, List<Problem> problems) {
        if (!(raw instanceof List<?> list)) {
            problems.add(new Problem(path, "expected a list of " + what + " for field " + field.path() + ", got " + Numbers.describe(raw)));
            return null;
        }
        if (list.isEmpty()) {
            problems.add(new Problem(path, "the list must not be empty"));
            return null;
        }
        if (list.size() > RuleLimits.MAX_LIST) {
            problems.add(new Problem(path, "list longer than " + RuleLimits.MAX_LIST + " items"));
            return null;
        }
        return list;
    }

    private List<?> pair(Object raw, FieldRef field, String what, String path, List<Problem> problems) {
        if (!(raw instanceof List<?> list) || list.size() != 2) {
            problems.add(new Problem(path, "expected a list of two " + what + " [low, high] for field " + field.path()
                    + ", got " + Numbers.describe(raw)));
            return null;
        }
        return list;
    }
}
