package io.minicrm.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration source: the process environment, over an optional {@code .env} file in the working
 * directory (the environment wins). The file holds {@code KEY=value} lines; blank lines and lines
 * starting with {@code #} are ignored; a value may be wrapped in single or double quotes.
 */
public final class Environment {
    private Environment() {
    }

    /** The process environment over {@code ./.env} (if present). */
    public static Map<String, String> load() {
        return merge(readDotEnv(Path.of(".env")), System.getenv());
    }

    static Map<String, String> merge(Map<String, String> file, Map<String, String> env) {
        Map<String, String> out = new HashMap<>(file);
        out.putAll(env);
        return out;
    }

    /** Reads a .env file; a missing file is empty; a malformed line is a {@link ConfigException}. */
    public static Map<String, String> readDotEnv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(".env: cannot read " + file.toAbsolutePath() + " (" + e.getMessage() + ")");
        }
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(".env line " + (i + 1) + ": expected KEY=value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!value.isEmpty() && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
                int close = value.indexOf(value.charAt(0), 1);
                if (close < 0) {
                    throw new ConfigException(".env line " + (i + 1) + ": unclosed quote in the value of " + key);
                }
                value = value.substring(1, close);
            } else {
                int hash = value.indexOf(" #");
                if (hash >= 0) {
                    value = value.substring(0, hash).strip();
                }
            }
            out.put(key, value);
        }
        return out;
    }
}
