package io.minicrm.domain.segment;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static io.minicrm.domain.segment.Operator.*;

/** Which operators each field type accepts, and with which kind of value (docs/rules.md, "Operators by type"). */
public final class Signatures {
    private static final Set<Operator> NUMBER_OPS = EnumSet.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, IN, NOT_IN, EXISTS);
    private static final Set<Operator> STRING_OPS = EnumSet.of(EQ, NE, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, IN, NOT_IN, EXISTS);
    private static final Set<Operator> DATE_OPS = EnumSet.of(BEFORE, AFTER, BETWEEN, IN_LAST_DAYS, NOT_IN_LAST_DAYS, EXISTS);
    private static final Set<Operator> SET_OPS = EnumSet.of(CONTAINS, NOT_CONTAINS, CONTAINS_ANY, CONTAINS_ALL, IS_EMPTY);
    private static final Set<Operator> BOOLEAN_OPS = EnumSet.of(EQ);
    private static final Set<Operator> ATTRIBUTE_OPS = EnumSet.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, IN, NOT_IN, EXISTS,
            CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH);

    private Signatures() {
    }

    /** The operators a field of this type may use. */
    public static Set<Operator> operatorsFor(FieldType type) {
        return switch (type) {
            case STRING -> STRING_OPS;
            case MONEY, INTEGER -> NUMBER_OPS;
            case DATE -> DATE_OPS;
            case SET -> SET_OPS;
            case BOOLEAN -> BOOLEAN_OPS;
            case ATTRIBUTE -> ATTRIBUTE_OPS;
        };
    }

    /** Whether a field of this type may use {@code op}. */
    public static boolean allows(FieldType type, Operator op) {
        return operatorsFor(type).contains(op);
    }

    /** e.g. "eq, ne, gt, ..." in declaration order. */
    public static String describe(FieldType type) {
        return operatorsFor(type).stream().map(Operator::wire).collect(Collectors.joining(", "));
    }

    /** Whether {@code operand} is the right kind of value for {@code op} on a field of {@code type}. */
    public static boolean accepts(FieldType type, Operator op, Operand operand) {
        if (!allows(type, op)) {
            return false;
        }
        if (op.isUnary() || op == EXISTS) {
            return operand instanceof Operand.None;
        }
        return switch (type) {
            case STRING -> (op == IN || op == NOT_IN) ? operand instanceof Operand.TextList : operand instanceof Operand.Text;
            case MONEY, INTEGER -> switch (op) {
                case BETWEEN -> operand instanceof Operand.NumRange;
                case IN, NOT_IN -> operand instanceof Operand.NumList;
                default -> operand instanceof Operand.Num;
            };
            case DATE -> switch (op) {
                case BETWEEN -> operand instanceof Operand.DateRange;
                case IN_LAST_DAYS, NOT_IN_LAST_DAYS -> operand instanceof Operand.Days;
                default -> operand instanceof Operand.Date;
            };
            case SET -> (op == CONTAINS_ANY || op == CONTAINS_ALL) ? operand instanceof Operand.TextList : operand instanceof Operand.Text;
            case BOOLEAN -> operand instanceof Operand.Bool;
            case ATTRIBUTE -> switch (op) {
                case EQ -> operand instanceof Operand.Text || operand instanceof Operand.Num || operand instanceof Operand.Bool;
                case NE -> operand instanceof Operand.Text || operand instanceof Operand.Num;
                case GT, GTE, LT, LTE -> operand instanceof Operand.Num;
                case BETWEEN -> operand instanceof Operand.NumRange;
                case IN, NOT_IN -> operand instanceof Operand.TextList || operand instanceof Operand.NumList;
                default -> operand instanceof Operand.Text;
            };
        };
    }
}
