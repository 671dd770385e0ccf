package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.FieldCatalog;
import io.minicrm.domain.segment.FieldRef;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.segment.Signatures;
import io.minicrm.domain.segment.syntax.DslLexer.Kind;
import io.minicrm.domain.segment.syntax.DslLexer.SyntaxError;
import io.minicrm.domain.segment.syntax.DslLexer.Token;
import io.minicrm.domain.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hand-written recursive-descent parser of the rule DSL:
 * <pre>{@code totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days) and not tags contains "churned"}</pre>
 * Keywords are case-insensitive; {@code and} binds tighter than {@code or}; {@code not} is a prefix.
 * A syntax error stops parsing and names line, column and what was expected; value errors are
 * collected so every one is reported.
 */
public final class DslParser {
    /** Syntactic nesting (parentheses and not) allowed before giving up; the AST depth limit is checked after. */
    private static final int MAX_NESTING = RuleLimits.MAX_DEPTH + 8;

    private final List<Token> tokens;
    private final List<Problem> problems = new ArrayList<>();
    private final OperandReader operands = new OperandReader(OperandReader.Mode.STRICT);
    private int at;
    private int conditions;

    private DslParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses DSL text; throws an {@link io.minicrm.domain.segment.InvalidRuleException} naming line and column of a syntax error, or every value problem. */
    public static Rule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRuleException("", "the rule text is empty");
        }
        if (text.length() > RuleLimits.MAX_DSL_LENGTH) {
            throw new InvalidRuleException("", "the rule text is longer than " + RuleLimits.MAX_DSL_LENGTH + " characters");
        }
        try {
            DslParser p = new DslParser(DslLexer.tokens(text));
            Rule rule = p.orExpr(0);
            Token end = p.peek();
            if (end.kind() != Kind.END) {
                throw p.error(end, "expected 'and', 'or' or the end of the rule, found " + end.shown());
            }
            if (!p.problems.isEmpty()) {
                throw new InvalidRuleException(p.problems);
            }
            return RuleLimits.requireWithin(rule);
        } catch (SyntaxError e) {
            throw new InvalidRuleException("", "line " + e.line + ", column " + e.column + ": " + e.getMessage());
        }
    }

    private Rule orExpr(int nesting) {
        List<Rule> parts = new ArrayList<>();
        parts.add(andExpr(nesting));
        while (peek().isWord("or")) {
            at++;
            parts.add(andExpr(nesting));
        }
        return parts.stream().anyMatch(r -> r == null) ? null : Rule.or(parts);
    }

    private Rule andExpr(int nesting) {
        List<Rule> parts = new ArrayList<>();
        parts.add(unary(nesting));
        while (peek().isWord("and")) {
            at++;
            parts.add(unary(nesting));
        }
        return parts.stream().anyMatch(r -> r == null) ? null : Rule.and(parts);
    }

    private Rule unary(int nesting) {
        Token t = peek();
        if (nesting > MAX_NESTING) {
            throw error(t, "rule is nested deeper than " + RuleLimits.MAX_DEPTH + " levels");
        }
        if (t.isWord("not")) {
            at++;
            Rule inner = unary(nesting + 1);
            return inner == null ? null : new Rule.Not(inner);
        }
        if (t.isSymbol("(")) {
            at++;
            Rule inner = orExpr(nesting + 1);
            expectSymbol(")", "')' to close the '(' at line " + t.line() + ", column " + t.column());
            return inner;
        }
        return condition();
    }

    private Rule condition() {
        Token f = next();
        if (f.kind() != Kind.WORD) {
            throw error(f, "expected a field name, 'not' or '(', found " + f.shown());
        }
        if (++conditions > RuleLimits.MAX_NODES) {
            throw error(f, "rule has more than " + RuleLimits.MAX_NODES + " nodes");
        }
        Optional<FieldRef> resolved = FieldCatalog.resolve(f.text());
        if (resolved.isEmpty()) {
            throw error(f, FieldCatalog.unknownFieldMessage(f.text()));
        }
        FieldRef field = resolved.get();
        Token opToken = peek();
        Parsed parsed = operator(field);
        if (!Signatures.allows(field.type(), parsed.op)) {
            throw error(opToken, "operator " + parsed.op.wire() + " does not apply to " + field.path() + " ("
                    + field.type().label() + "); use one of " + Signatures.describe(field.type()));
        }
        Token valueToken = peek();
        Object raw = parsed.op.isUnary() ? null : value(parsed.op);
        List<Problem> found = new ArrayList<>();
        Optional<Operand> operand = operands.read(field, parsed.op, !parsed.op.isUnary(), raw, "", found);
        if (operand.isEmpty()) {
            for (Problem p : found) {
                problems.add(new Problem("", "line " + valueToken.line() + ", column " + valueToken.column() + ": " + p.message()));
            }
            return null;
        }
        Rule c = new Condition(field, parsed.op, operand.get());
        return parsed.negated ? new Rule.Not(c) : c;
    }

    private record Parsed(Operator op, boolean negated) {
    }

    private Parsed operator(FieldRef field) {
        Token t = next();
        if (t.kind() == Kind.SYMBOL) {
            Operator op = switch (t.text()) {
                case "=" -> Operator.EQ;
                case "!=" -> Operator.NE;
                case ">" -> Operator.GT;
                case ">=" -> Operator.GTE;
                case "<" -> Operator.LT;
                case "<=" -> Operator.LTE;
                default -> null;
            };
            if (op != null) {
                return new Parsed(op, false);
            }
        }
        if (t.kind() == Kind.WORD) {
            String w = t.text().toLowerCase(java.util.Locale.ROOT);
            switch (w) {
                case "contains":
                    if (peek().isWord("any")) {
                        at++;
                        return new Parsed(Operator.CONTAINS_ANY, false);
                    }
                    if (peek().isWord("all")) {
                        at++;
                        return new Parsed(Operator.CONTAINS_ALL, false);
                    }
                    return new Parsed(Operator.CONTAINS, false);
                case "not":
                    Token n = next();
                    if (n.isWord("contains")) {
                        return new Parsed(Operator.NOT_CONTAINS, false);
                    }
                    if (n.isWord("in")) {
                        if (peek().isWord("last")) {
                            at++;
                            return new Parsed(Operator.NOT_IN_LAST_DAYS, false);
                        }
                        return new Parsed(Operator.NOT_IN, false);
                    }
                    throw error(n, "expected 'contains', 'in' or 'in last' after 'not', found " + n.shown());
                case "starts":
                    expectWord("with");
                    return new Parsed(Operator.STARTS_WITH, false);
                case "ends":
                    expectWord("with");
                    return new Parsed(Operator.ENDS_WITH, false);
                case "in":
                    if (peek().isWord("last")) {
                        at++;
                        return new Parsed(Operator.IN_LAST_DAYS, false);
                    }
                    return new Parsed(Operator.IN, false);
                case "is":
                    boolean negated = false;
                    if (peek().isWord("not")) {
                        at++;
                        negated = true;
                    }
                    expectWord("empty");
                    return new Parsed(Operator.IS_EMPTY, negated);
                default:
                    // canonical operator names as words (gte, notIn, isEmpty, ...); keywords are case-insensitive
                    for (Operator op : Operator.values()) {
                        if (op.wire().equalsIgnoreCase(w)) {
                            return new Parsed(op, false);
                        }
                    }
            }
        }
        throw error(t, "expected an operator after " + field.path() + " (" + describeOperators(field.type()) + "), found " + t.shown());
    }

    private Object value(Operator op) {
        switch (op) {
            case IN, NOT_IN, CONTAINS_ANY, CONTAINS_ALL:
                return list();
            case BETWEEN: {
                Object lo = literal();
                expectWord("and");
                Object hi = literal();
                return List.of(lo, hi);
            }
            case IN_LAST_DAYS, NOT_IN_LAST_DAYS: {
                Token n = next();
                if (n.kind() != Kind.NUMBER) {
                    throw error(n, "expected a number of days, found " + n.shown());
                }
                if (peek().isWord("days") || peek().isWord("day")) {
                    at++;
                } else if (op == Operator.IN_LAST_DAYS || op == Operator.NOT_IN_LAST_DAYS) {
                    Token d = peek();
                    if (tokens.get(at - 2).isWord("last")) {
                        throw error(d, "expected 'days' after the number, found " + d.shown());
                    }
                }
                return n.value();
            }
            default:
                return literal();
        }
    }

    private List<Object> list() {
        Token open = next();
        if (!open.isSymbol("[")) {
            throw error(open, "expected a list such as [\"a\", \"b\"], found " + open.shown());
        }
        List<Object> out = new ArrayList<>();
        if (peek().isSymbol("]")) {
            at++;
            return out;
        }
        while (true) {
            if (out.size() > RuleLimits.MAX_LIST) {
                throw error(peek(), "list longer than " + RuleLimits.MAX_LIST + " items");
            }
            out.add(literal());
            Token sep = next();
            if (sep.isSymbol("]")) {
                return out;
            }
            if (!sep.isSymbol(",")) {
                throw error(sep, "expected ',' or ']' in the list, found " + sep.shown());
            }
        }
    }

    private Object literal() {
        Token t = next();
        switch (t.kind()) {
            case STRING, NUMBER, DATE:
                return t.value();
            case WORD:
                if (t.isWord("true")) {
                    return Boolean.TRUE;
                }
                if (t.isWord("false")) {
                    return Boolean.FALSE;
                }
                throw error(t, "expected a value (a \"quoted string\", number, date, true or false), found " + t.shown()
                        + "; put text in double quotes");
            default:
                throw error(t, "expected a value (a \"quoted string\", number, date, true or false), found " + t.shown());
        }
    }

    private static String describeOperators(FieldType type) {
        return switch (type) {
            case STRING -> "=, !=, contains, not contains, starts with, ends with, in [..], not in [..], exists";
            case MONEY, INTEGER -> "=, !=, >, >=, <, <=, between a and b, in [..], not in [..], exists";
            case DATE -> "before, after, between a and b, in last N days, not in last N days, exists";
            case SET -> "contains, not contains, contains any [..], contains all [..], is empty";
            case BOOLEAN -> "=";
            case ATTRIBUTE -> "=, !=, >, >=, <, <=, between, in, not in, contains, starts with, ends with, exists";
        };
    }

    private void expectWord(String w) {
        Token t = next();
        if (!t.isWord(w)) {
            throw error(t, "expected '" + w + "', found " + t.shown());
        }
    }

    private void expectSymbol(String s, String what) {
        Token t = next();
        if (!t.isSymbol(s)) {
            throw error(t, "expected " + what + ", found " + t.shown());
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    private SyntaxError error(Token t, String message) {
        return new SyntaxError(t.line(), t.column(), message);
    }
}
