package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.FieldCatalog;
import io.minicrm.domain.segment.FieldRef;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Signatures;
import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one condition object of the two JSON spellings, canonical {@code {"field", "op", "value"}} and legacy
 * {@code {"field", "operator", "value"}}: its keys, field, operator and value, every problem reported with its
 * path. The spellings differ only in the operator's key and names and in the keys a condition may carry.
 */
final class JsonConditionReader {
    private final Set<String> keys;
    private final String unknownKey;
    private final String opKey;
    private final Function<String, Optional<Operator>> operators;
    private final boolean suggestOperators;
    private final OperandReader operands;

    private JsonConditionReader(Set<String> keys, String unknownKey, String opKey,
                                Function<String, Optional<Operator>> operators, boolean suggestOperators,
                                OperandReader operands) {
        this.keys = keys;
        this.unknownKey = unknownKey;
        this.opKey = opKey;
        this.operators = operators;
        this.suggestOperators = suggestOperators;
        this.operands = operands;
    }

    /** {@code {"field", "op", "value"}} with canonical operator names and strictly typed values. */
    static JsonConditionReader canonical() {
        return new JsonConditionReader(Set.of("field", "op", "value"), "unknown key; a condition has field, op and value",
                "op", Operator::fromWire, true, new OperandReader(OperandReader.Mode.STRICT));
    }

    /** The old frontend's {@code {"field", "operator", "value", "id"}}: legacy names too, values coerced from text. */
    static JsonConditionReader legacy() {
        return new JsonConditionReader(Set.of("field", "operator", "value", "id"),
                "unknown key; a rule has field, operator and value", "operator", Operator::fromWireOrLegacy, false,
                new OperandReader(OperandReader.Mode.LEGACY));
    }

    /** The condition, or null after adding its problems. */
    Condition read(Map<?, ?> map, String path, List<Problem> problems) {
        int before = problems.size();
        for (Object key : map.keySet()) {
            if (!(key instanceof String k) || !keys.contains(k)) {
                problems.add(new Problem(path + "/" + Problem.segment(key), unknownKey));
            }
        }
        FieldRef field = field(map.get("field"), path + "/field", problems);
        Operator op = operator(map.get(opKey), field, path + "/" + opKey, problems);
        if (field == null || op == null) {
            return null;
        }
        Optional<Operand> operand = operands.read(field, op, map.containsKey("value"), map.get("value"),
                path + "/value", problems);
        if (operand.isEmpty() || problems.size() > before) {
            return null;
        }
        return new Condition(field, op, operand.get());
    }

    private static FieldRef field(Object raw, String path, List<Problem> problems) {
        if (raw == null) {
            problems.add(new Problem(path, "is required"));
            return null;
        }
        if (!(raw instanceof String name)) {
            problems.add(new Problem(path, "expected a field name, got " + Numbers.describe(raw)));
            return null;
        }
        Optional<FieldRef> f = FieldCatalog.resolve(name);
        if (f.isEmpty()) {
            problems.add(new Problem(path, FieldCatalog.unknownFieldMessage(name)));
            return null;
        }
        return f.get();
    }

    /** The operator, checked against the field when the field is known. */
    private Operator operator(Object raw, FieldRef field, String path, List<Problem> problems) {
        if (raw == null) {
            problems.add(new Problem(path, "is required"));
            return null;
        }
        if (!(raw instanceof String name)) {
            problems.add(new Problem(path, "expected an operator name, got " + Numbers.describe(raw)));
            return null;
        }
        Optional<Operator> o = operators.apply(name);
        if (o.isEmpty()) {
            problems.add(new Problem(path, "unknown operator " + Numbers.describe(name) + (suggestOperators && field != null
                    ? "; for " + field.path() + " use one of " + Signatures.describe(field.type()) : "")));
            return null;
        }
        if (field != null && !Signatures.allows(field.type(), o.get())) {
            problems.add(new Problem(path, "operator " + name + " does not apply to " + field.path()
                    + " (" + field.type().label() + "); use one of " + Signatures.describe(field.type())));
            return null;
        }
        return o.get();
    }
}
