package io.minicrm.adapter.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON in a model's answer: inside a {@code ```json} fence, or the first parseable object or
 * array in the text (prose before and after tolerated). Values become plain Java trees: Map, List,
 * String, Integer/Long/BigInteger, BigDecimal (never double), Boolean, null. Duplicate keys are an error.
 */
final class JsonAnswers {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[A-Za-z]*[ \\t]*\\R?(.*?)```", Pattern.DOTALL);
    private static final int MAX_TEXT = 200_000;
    private static final int MAX_STARTS = 64;

    private JsonAnswers() {
    }

    /** The first JSON object or array in the answer, as a plain tree. */
    static Optional<Object> first(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        String text = answer.length() > MAX_TEXT ? answer.substring(0, MAX_TEXT) : answer;
        List<String> candidates = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            candidates.add(fence.group(1));
        }
        candidates.add(text);
        for (String candidate : candidates) {
            Optional<Object> found = scan(candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Object> scan(String text) {
        int tries = 0;
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length && tries < MAX_STARTS; i++) {
            char c = chars[i];
            if (c != '{' && c != '[') {
                continue;
            }
            tries++;
            try (JsonParser p = MAPPER.createParser(chars, i, chars.length - i)) {
                Object value = MAPPER.readValue(p, Object.class);
                if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    return Optional.of(value);
                }
            } catch (JsonProcessingException notHere) {
                // try the next bracket
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Message drafts from the answer: a JSON array of strings (or of objects with a {@code text} /
     * {@code message} field), or an object holding such an array; failing JSON, numbered or bulleted lines.
     * Elements that are not text are skipped.
     */
    static List<String> strings(String answer) {
        Optional<Object> json = first(answer);
        List<String> out = new ArrayList<>();
        if (json.isPresent()) {
            Object v = json.get();
            if (v instanceof Map<?, ?> m) {
                Object inner = List.of();
                for (Object x : m.values()) {
                    if (x instanceof List<?>) {
                        inner = x;
                        break;
                    }
                }
                v = inner;
            }
            for (Object item : (List<?>) v) {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s.strip());
                } else if (item instanceof Map<?, ?> m) {
                    Object text = m.containsKey("text") ? m.get("text") : m.get("message");
                    if (text instanceof String s && !s.isBlank()) {
                        out.add(s.strip());
                    }
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        if (answer == null) {
            return out;
        }
        Matcher line = Pattern.compile("(?m)^\\s*(?:\\d{1,2}[.)]|[-*\\u2022])\\s+(.+?)\\s*$").matcher(answer);
        while (line.find()) {
            String s = line.group(1).strip();
            if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\""))) {
                s = s.substring(1, s.length() - 1).strip();
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The tree as compact JSON (for a repair prompt). */
    static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return String.valueOf(tree);
        }
    }
}
