package io.minicrm.adapter.vendorsim;

import java.util.List;
import java.util.Map;

/** Reads typed values from an environment-style map, collecting every problem instead of failing on the first. */
final class ConfigValues {
    private ConfigValues() {
    }

    static long longValue(Map<String, String> env, String name, long fallback, List<String> problems) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number, got '" + v + "'");
            return fallback;
        }
    }

    static double doubleValue(Map<String, String> env, String name, double fallback, List<String> problems) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a number, got '" + v + "'");
            return fallback;
        }
    }

    /** A range {@code "min-max"} or a single value {@code "n"} (min = max), in whole numbers. */
    static long[] range(Map<String, String> env, String name, long[] fallback, List<String> problems) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String[] parts = v.trim().split("-", -1);
        try {
            if (parts.length == 1) {
                long n = Long.parseLong(parts[0].trim());
                return new long[] {n, n};
            }
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + " must be 'min-max' or a single whole number, got '" + v + "'");
        return fallback;
    }
}
