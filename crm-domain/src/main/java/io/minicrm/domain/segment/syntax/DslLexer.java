package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.shared.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits rule DSL text into tokens, each with its line and column. */
final class DslLexer {
    enum Kind { WORD, NUMBER, DATE, STRING, SYMBOL, END }

    record Token(Kind kind, String text, Object value, int line, int column) {
        String shown() {
            return switch (kind) {
                case END -> "the end of the rule";
                case STRING -> "\"" + (text.length() > 30 ? text.substring(0, 30) + "..." : text) + "\"";
                default -> "'" + (text.length() > 30 ? text.substring(0, 30) + "..." : text) + "'";
            };
        }

        boolean isWord(String w) {
            return kind == Kind.WORD && text.equalsIgnoreCase(w);
        }

        boolean isSymbol(String s) {
            return kind == Kind.SYMBOL && text.equals(s);
        }
    }

    /** A syntax error at a position. */
    static final class SyntaxError extends RuntimeException {
        final int line;
        final int column;

        SyntaxError(int line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?");

    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    private DslLexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) {
        DslLexer lx = new DslLexer(src);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lx.next();
            out.add(t);
        } while (t.kind != Kind.END);
        return out;
    }

    private Token next() {
        skipSpace();
        int col = pos - lineStart + 1;
        if (pos >= src.length()) {
            return new Token(Kind.END, "", null, line, col);
        }
        char c = src.charAt(pos);
        if (c == '"') {
            return string(col);
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return numberOrDate(col);
        }
        if (isWordStart(c)) {
            int start = pos;
            while (pos < src.length() && isWordPart(src.charAt(pos))) {
                pos++;
            }
            String w = src.substring(start, pos);
            return new Token(Kind.WORD, w, w, line, col);
        }
        String two = pos + 1 < src.length() ? src.substring(pos, pos + 2) : "";
        if (two.equals(">=") || two.equals("<=") || two.equals("!=") || two.equals("==")) {
            pos += 2;
            return new Token(Kind.SYMBOL, two.equals("==") ? "=" : two, null, line, col);
        }
        if ("()[],=<>".indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.SYMBOL, String.valueOf(c), null, line, col);
        }
        throw new SyntaxError(line, col, "unexpected character '" + printable(c) + "'");
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (!Character.isWhitespace(c)) {
                return;
            }
            pos++;
        }
    }

    private Token string(int col) {
        int startLine = line;
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw new SyntaxError(startLine, col, "unterminated string (missing closing \")");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\n') {
                line++;
                lineStart = pos;
            }
            if (c == '\\') {
                if (pos >= src.length()) {
                    throw new SyntaxError(startLine, col, "unterminated string (missing closing \")");
                }
                char e = src.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'u' -> {
                        if (pos + 4 > src.length()) {
                            throw new SyntaxError(line, pos - lineStart, "incomplete \\u escape");
                        }
                        String hex = src.substring(pos, pos + 4);
                        if (!hex.matches("[0-9A-Fa-f]{4}")) {
                            throw new SyntaxError(line, pos - lineStart, "invalid \\u escape: \\u" + hex);
                        }
                        sb.append((char) Integer.parseInt(hex, 16));
                        pos += 4;
                    }
                    default -> throw new SyntaxError(line, pos - lineStart, "unknown escape \\" + printable(e)
                            + " (use \\\" \\\\ \\n \\t \\r or \\uXXXX)");
                }
            } else {
                sb.append(c);
            }
            if (sb.length() > RuleLimits.MAX_STRING * 4) {
                throw new SyntaxError(startLine, col, "string longer than " + RuleLimits.MAX_STRING + " characters");
            }
        }
        String s = sb.toString();
        return new Token(Kind.STRING, s, s, startLine, col);
    }

    private Token numberOrDate(int col) {
        int start = pos;
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '+' || c == '-') {
                pos++;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        if (DATE.matcher(text).matches()) {
            return new Token(Kind.DATE, text, text, line, col);
        }
        return Numbers.parse(text)
                .map(n -> new Token(Kind.NUMBER, text, n, line, col))
                .orElseThrow(() -> new SyntaxError(line, col, "not a number or date: '" + text + "'"));
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9') || c == '.';
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
