package io.minicrm.domain.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Small building blocks for seeded random test data over a {@link SplittableRandom}: picks from pools,
 * weighted choices, optional values, lists, sets and maps, and strings of any UTF-16 content. Every method
 * draws only from the given random, so the same seed gives the same values (see {@link Property}).
 *
 * <p>Sizes are uniform between the bounds given; the number generators mix uniform values with their
 * edge cases (0, ±1, the type's extremes), which a uniform draw would almost never hit.
 */
public final class RandomValues {
    /** Characters that often break parsers, quoting or regexes: quotes, backslash, controls, line separators, both halves of a surrogate pair (drawn one at a time, so mostly lone), regex metacharacters. */
    public static final String SPECIAL_CHARS = "\"'\\\n\t\r\u0000\u007f\u00a0\u2028\ud800\udc00.*+?^$()[]{}|/ ";

    private RandomValues() {
    }

    /** One element of a non-empty pool, uniformly. */
    public static <T> T pick(SplittableRandom r, List<? extends T> pool) {
        return pool.get(r.nextInt(pool.size()));
    }

    /** One of the given options, uniformly (repeat an option to weight it). */
    @SafeVarargs
    public static <T> T pick(SplittableRandom r, T... options) {
        return options[r.nextInt(options.length)];
    }

    /**
     * The index of a choice drawn with the given relative weights: {@code choose(r, 3, 2, 2, 1)} gives 0 with
     * probability 3/8, 1 and 2 with 2/8 each and 3 with 1/8. Use it with a {@code switch}.
     */
    public static int choose(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** {@code true} with the given probability. */
    public static boolean chance(SplittableRandom r, double probability) {
        return r.nextDouble() < probability;
    }

    /** {@code null} with probability {@code nullChance}, else a generated value. */
    public static <T> T orNull(SplittableRandom r, double nullChance, Function<SplittableRandom, ? extends T> gen) {
        return chance(r, nullChance) ? null : gen.apply(r);
    }

    /** A mutable list of {@code min..max} (inclusive, uniform) generated elements, duplicates allowed. */
    public static <T> List<T> list(SplittableRandom r, int min, int max, Function<SplittableRandom, ? extends T> gen) {
        int size = min + r.nextInt(max - min + 1);
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(gen.apply(r));
        }
        return out;
    }

    /**
     * A set of up to {@code max} distinct generated elements: draws a target size in {@code 0..max} and then
     * at most {@code 4 * max} elements, so a small pool gives a smaller set rather than a hang.
     */
    public static <T> Set<T> set(SplittableRandom r, int max, Function<SplittableRandom, ? extends T> gen) {
        int size = r.nextInt(max + 1);
        Set<T> out = new LinkedHashSet<>();
        for (int i = 0; i < 4 * size && out.size() < size; i++) {
            out.add(gen.apply(r));
        }
        return out;
    }

    /** An ordered map of up to {@code max} entries with distinct generated keys (same sizing as {@link #set}). */
    public static <K, V> Map<K, V> map(SplittableRandom r, int max, Function<SplittableRandom, ? extends K> keys,
                                       Function<SplittableRandom, ? extends V> values) {
        Map<K, V> out = new LinkedHashMap<>();
        for (K key : set(r, max, keys)) {
            out.put(key, values.apply(r));
        }
        return out;
    }

    /**
     * Any UTF-16 text of {@code 0..maxLength} units: every char value is possible (controls, lone
     * surrogates, noncharacters), with extra weight on ASCII, {@link #SPECIAL_CHARS} and non-ASCII letters.
     * A third of the strings are at most 8 long, and the empty string comes up often.
     */
    public static String anyString(SplittableRandom r, int maxLength) {
        int length = chance(r, 1.0 / 3) ? r.nextInt(Math.min(maxLength, 8) + 1) : r.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(anyChar(r));
        }
        return out.toString();
    }

    /** Any char value, weighted as in {@link #anyString}. */
    public static char anyChar(SplittableRandom r) {
        return switch (choose(r, 4, 3, 2, 2)) {
            case 0 -> (char) r.nextInt(Character.MAX_VALUE + 1);
            case 1 -> (char) r.nextInt(0x20, 0x7F);
            case 2 -> SPECIAL_CHARS.charAt(r.nextInt(SPECIAL_CHARS.length()));
            default -> (char) r.nextInt(0xA0, 0x500);
        };
    }

    /** Text of {@code 0..maxLength} chars, each drawn uniformly from {@code chars}. */
    public static String stringOf(SplittableRandom r, String chars, int maxLength) {
        return stringOf(r, chars, 0, maxLength);
    }

    /** Text of {@code minLength..maxLength} chars, each drawn uniformly from {@code chars}. */
    public static String stringOf(SplittableRandom r, String chars, int minLength, int maxLength) {
        int length = minLength + r.nextInt(maxLength - minLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(r.nextInt(chars.length())));
        }
        return out.toString();
    }

    /** Any int: uniform, small, or an edge case (0, ±1, MIN_VALUE, MAX_VALUE). */
    public static int anyInt(SplittableRandom r) {
        return switch (choose(r, 4, 2, 1)) {
            case 0 -> r.nextInt();
            case 1 -> r.nextInt(-1000, 1001);
            default -> pick(r, 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        };
    }

    /** Any long: uniform, small, or an edge case (0, ±1, the int and long extremes). */
    public static long anyLong(SplittableRandom r) {
        return switch (choose(r, 4, 2, 1)) {
            case 0 -> r.nextLong();
            case 1 -> r.nextLong(-1000, 1001);
            default -> pick(r, 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1,
                    (long) Integer.MIN_VALUE - 1);
        };
    }

    /** Any double: any bit pattern (so NaNs, infinities, subnormals), ordinary values, or an edge case. */
    public static double anyDouble(SplittableRandom r) {
        return switch (choose(r, 2, 3, 1)) {
            case 0 -> Double.longBitsToDouble(r.nextLong());
            case 1 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-5, 20));
            default -> pick(r, 0.0, -0.0, 1.0, -1.0, 0.5, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e18, 1e19);
        };
    }

    /** Any BigDecimal: up to 40 digits, scale -30..30 (so also 1E+30 and 0.000...1), negative or positive. */
    public static BigDecimal anyBigDecimal(SplittableRandom r) {
        int digits = 1 + r.nextInt(40);
        BigInteger unscaled = new BigInteger(stringOf(r, "0123456789", digits, digits));
        return new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), r.nextInt(-30, 31));
    }
}
