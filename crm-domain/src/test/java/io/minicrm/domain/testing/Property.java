package io.minicrm.domain.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;

/**
 * A minimal property runner for plain JUnit tests: runs a check over {@code tries} random cases, each
 * generated from its own seeded {@link SplittableRandom}, and stops at the first failing case with an
 * {@link AssertionError} that names the property, the try, the base and case seeds, the generated input and
 * the command that replays it (invisible characters of the input shown as {@code \\uXXXX} escapes). There is
 * no shrinking: generators keep inputs small instead.
 *
 * <pre>{@code
 * @Test
 * void dslPrintThenParse_givesTheSameRule() {
 *     Property.forAll("dsl print then parse", 500, RandomRules::rule, DslPrinter::print,
 *             rule -> assertThat(DslParser.parse(DslPrinter.print(rule))).isEqualTo(rule));
 * }
 * }</pre>
 *
 * <h2>Seeds</h2>
 * Every property has a base seed: {@link #DEFAULT_SEED} unless the test passes its own. So every run, on
 * every machine and in CI, checks the same cases. Try {@code i} (1-based) uses the {@code i}-th
 * {@code nextLong()} of {@code new SplittableRandom(baseSeed)} as its <em>case seed</em>, and its input comes
 * from {@code new SplittableRandom(caseSeed)}. Two system properties change that (Maven passes {@code -D}
 * options on to the test JVM):
 * <ul>
 *   <li>{@code -Dminicrm.seed=<long>} overrides the base seed of every property that runs: replays a failing
 *       run (same seed, same cases, same failure at the same try) or explores other cases.
 *       {@code -Dminicrm.seed=random} draws a new base seed for each property; a failure prints it.</li>
 *   <li>{@code -Dminicrm.case=<long>} runs exactly one case, with that case seed, for every property that
 *       runs: replays one failing case directly; combine with {@code -Dtest=Class#method}.</li>
 * </ul>
 * A failure message spells out both commands, e.g.
 * {@code mvn -o -pl crm-domain test -Dtest=RoundTripPropertyTest#dslPrintThenParse_givesTheSameRule -Dminicrm.case=-4962768465676381896}.
 */
public final class Property {
    /** System property that overrides the base seed of every property ({@code random}: a fresh one per property). */
    public static final String SEED_PROPERTY = "minicrm.seed";
    /** System property that runs exactly one case, with the given case seed. */
    public static final String CASE_PROPERTY = "minicrm.case";
    /** The base seed of properties that do not pass their own. */
    public static final long DEFAULT_SEED = 20250615L;

    private static final int MAX_DESCRIPTION = 20_000;

    private Property() {
    }

    /** Runs {@code check} on {@code tries} random cases from the {@link #DEFAULT_SEED}. */
    public static void forAll(String name, int tries, Consumer<SplittableRandom> check) {
        forAll(name, DEFAULT_SEED, tries, check);
    }

    /**
     * Runs {@code check} on {@code tries} random cases from {@code seed}; the check draws its own inputs from
     * the random it is given (a failure then reports the seeds but no input: prefer the generator overloads).
     */
    public static void forAll(String name, long seed, int tries, Consumer<SplittableRandom> check) {
        forAll(name, seed, tries, r -> r, r -> "(drawn inside the check; replay the case to see it)", check);
    }

    /** Generates {@code tries} inputs from the {@link #DEFAULT_SEED} and checks each; a failure shows the input's {@code toString()}. */
    public static <T> void forAll(String name, int tries, Function<SplittableRandom, ? extends T> generator,
                                  Consumer<? super T> check) {
        forAll(name, DEFAULT_SEED, tries, generator, String::valueOf, check);
    }

    /** Generates {@code tries} inputs from the {@link #DEFAULT_SEED} and checks each; a failure shows {@code describe(input)}. */
    public static <T> void forAll(String name, int tries, Function<SplittableRandom, ? extends T> generator,
                                  Function<? super T, String> describe, Consumer<? super T> check) {
        forAll(name, DEFAULT_SEED, tries, generator, describe, check);
    }

    /**
     * Generates {@code tries} inputs from base seed {@code seed} (unless {@value #SEED_PROPERTY} or
     * {@value #CASE_PROPERTY} is set) and checks each; the first input whose check throws fails the property
     * with an {@link AssertionError} (cause: what the check threw) naming the try, the seeds,
     * {@code describe(input)} and the replay commands.
     */
    public static <T> void forAll(String name, long seed, int tries, Function<SplittableRandom, ? extends T> generator,
                                  Function<? super T, String> describe, Consumer<? super T> check) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be positive");
        }
        String onlyCase = System.getProperty(CASE_PROPERTY, "").trim();
        if (!onlyCase.isEmpty()) {
            runCase(name, "replayed from -D" + CASE_PROPERTY, null, 1, 1, Long.parseLong(onlyCase), generator, describe, check);
            return;
        }
        String override = System.getProperty(SEED_PROPERTY, "").trim();
        long base;
        String origin;
        if (override.isEmpty()) {
            base = seed;
            origin = seed == DEFAULT_SEED ? "the default seed" : "the test's seed";
        } else if (override.equalsIgnoreCase("random")) {
            base = ThreadLocalRandom.current().nextLong();
            origin = "random, from -D" + SEED_PROPERTY + "=random";
        } else {
            base = Long.parseLong(override);
            origin = "from -D" + SEED_PROPERTY;
        }
        SplittableRandom seeds = new SplittableRandom(base);
        for (int i = 1; i <= tries; i++) {
            runCase(name, origin, base, i, tries, seeds.nextLong(), generator, describe, check);
        }
    }

    private static <T> void runCase(String name, String origin, Long base, int attempt, int tries, long caseSeed,
                                    Function<SplittableRandom, ? extends T> generator,
                                    Function<? super T, String> describe, Consumer<? super T> check) {
        T input;
        try {
            input = generator.apply(new SplittableRandom(caseSeed));
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            throw failure(name, origin, base, attempt, tries, caseSeed, "(the generator itself failed)", e);
        }
        try {
            check.accept(input);
        } catch (RuntimeException | AssertionError | StackOverflowError | ExceptionInInitializerError e) {
            throw failure(name, origin, base, attempt, tries, caseSeed, describeSafely(describe, input), e);
        }
    }

    private static <T> String describeSafely(Function<? super T, String> describe, T input) {
        String text;
        try {
            text = describe.apply(input);
        } catch (RuntimeException e) {
            text = String.valueOf(input) + " (describing it failed: " + e + ")";
        }
        return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION) + "... (cut)";
    }

    private static AssertionError failure(String name, String origin, Long base, int attempt, int tries, long caseSeed,
                                          String input, Throwable cause) {
        String replay = replayCommand();
        StringBuilder m = new StringBuilder();
        m.append("Property \"").append(name).append("\" failed on try ").append(attempt).append(" of ").append(tries);
        m.append("\n  base seed: ").append(base == null ? "-" : base).append(" (").append(origin).append(")");
        m.append("\n  case seed: ").append(caseSeed);
        m.append("\n  input: ").append(printable(input).replace("\n", "\n    "));
        m.append("\n  failure: ").append(printable(firstLines(cause)));
        m.append("\n  replay this case: ").append(replay).append(" -D").append(CASE_PROPERTY).append('=').append(caseSeed);
        if (base != null) {
            m.append("\n  replay the run:   ").append(replay).append(" -D").append(SEED_PROPERTY).append('=').append(base);
        }
        return new AssertionError(m.toString(), cause);
    }

    /**
     * The text with control, format, separator, private-use, unassigned and unpaired surrogate chars as
     * {@code \\uXXXX} (newlines and tabs kept): a NUL, for one, makes test reports cut the message short.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\n' || c == '\t' || !hidden(c)) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean hidden(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static String firstLines(Throwable t) {
        String text = t.toString();
        return (text.length() <= 4_000 ? text : text.substring(0, 4_000) + "... (cut)").replace("\n", "\n    ");
    }

    /** {@code mvn -o -pl <module> test -Dtest=<TestClass>#<method>} for the test method that called forAll (best effort). */
    private static String replayCommand() {
        List<StackWalker.StackFrame> frames = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.dropWhile(f -> f.getDeclaringClass() == Property.class).limit(256).toList());
        if (frames.isEmpty()) {
            return "mvn test";
        }
        Class<?> testClass = frames.get(0).getDeclaringClass();
        String method = frames.get(0).getMethodName();
        for (StackWalker.StackFrame f : frames) { // the outermost method of the calling class is the test method
            if (f.getDeclaringClass() == testClass && !f.getMethodName().startsWith("lambda$")) {
                method = f.getMethodName();
            }
        }
        String testMethod = method;
        String basedir = System.getProperty("basedir");
        String module = basedir == null ? "" : "-pl " + java.nio.file.Path.of(basedir).getFileName() + " ";
        boolean slow = isSlow(testClass) || Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.getName().equals(testMethod)).anyMatch(Property::isSlow);
        return "mvn -o " + module + "test" + (slow ? " -Pslow" : "") + " -Dtest=" + testClass.getSimpleName() + "#" + testMethod;
    }

    private static boolean isSlow(AnnotatedElement e) {
        return Arrays.stream(e.getAnnotationsByType(Tag.class)).anyMatch(t -> t.value().equals("slow"));
    }
}
