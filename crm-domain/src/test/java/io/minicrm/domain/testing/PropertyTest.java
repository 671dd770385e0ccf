package io.minicrm.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The property runner runs every try, is reproducible, and reports a failing case so that it can be replayed. */
class PropertyTest {
    private String savedSeed;
    private String savedCase;

    @BeforeEach
    void clearOverrides() {
        savedSeed = System.clearProperty(Property.SEED_PROPERTY);
        savedCase = System.clearProperty(Property.CASE_PROPERTY);
    }

    @AfterEach
    void restoreOverrides() {
        restore(Property.SEED_PROPERTY, savedSeed);
        restore(Property.CASE_PROPERTY, savedCase);
    }

    @Test
    void passingProperty_runsEveryTry_withDistinctCaseRandoms() {
        List<Long> firstDraws = new ArrayList<>();
        Property.forAll("always true", 5L, 200, r -> firstDraws.add(r.nextLong()));
        assertThat(firstDraws).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void theSameSeed_givesTheSameCases_andAnotherSeedOthers() {
        assertThat(draws(5L)).isEqualTo(draws(5L)).isNotEqualTo(draws(6L));
    }

    @Test
    void failingProperty_namesTheTrySeedsInputAndReplayCommands() {
        AssertionError e = failure(() -> Property.forAll("numbers stay below 90", 123L, 1000,
                r -> r.nextInt(100), n -> "n = " + n, n -> assertThat(n).isLessThan(90)));
        assertThat(e.getMessage())
                .contains("Property \"numbers stay below 90\" failed on try ")
                .contains("of 1000")
                .contains("base seed: 123 (the test's seed)")
                .containsPattern("case seed: -?\\d+")
                .containsPattern("input: n = 9\\d")
                .contains("to be less than")
                .containsPattern("replay this case: mvn -o (-pl crm-domain )?test -Dtest="
                        + "PropertyTest#failingProperty_namesTheTrySeedsInputAndReplayCommands -Dminicrm.case=-?\\d+")
                .contains("-Dminicrm.seed=123");
        assertThat(e.getCause()).isInstanceOf(AssertionError.class);
    }

    @Test
    void replayingTheCaseSeed_reproducesTheFailingInputOnTheFirstTry() {
        AssertionError first = failure(() -> Property.forAll("below 90", 123L, 1000, r -> r.nextInt(100),
                n -> "n = " + n, n -> assertThat(n).isLessThan(90)));
        String caseSeed = group(first, "case seed: (-?\\d+)");
        System.setProperty(Property.CASE_PROPERTY, caseSeed);
        AtomicInteger runs = new AtomicInteger();
        AssertionError replayed = failure(() -> Property.forAll("below 90", 999L, 1000, r -> r.nextInt(100),
                n -> "n = " + n, n -> {
                    runs.incrementAndGet();
                    assertThat(n).isLessThan(90);
                }));
        assertThat(runs).hasValue(1);
        assertThat(replayed.getMessage()).contains("failed on try 1 of 1").contains("case seed: " + caseSeed)
                .contains(group(first, "(input: n = \\d+)"));
    }

    @Test
    void seedOverride_replacesTheTestsSeed_andReproducesTheRun() {
        AssertionError original = failure(() -> Property.forAll("below 90", 123L, 1000, r -> r.nextInt(100),
                n -> "n = " + n, n -> assertThat(n).isLessThan(90)));
        System.setProperty(Property.SEED_PROPERTY, "123");
        AssertionError replayed = failure(() -> Property.forAll("below 90", 77L, 1000, r -> r.nextInt(100),
                n -> "n = " + n, n -> assertThat(n).isLessThan(90)));
        assertThat(group(replayed, "(failed on try \\d+)")).isEqualTo(group(original, "(failed on try \\d+)"));
        assertThat(group(replayed, "(case seed: -?\\d+)")).isEqualTo(group(original, "(case seed: -?\\d+)"));
        assertThat(replayed.getMessage()).contains("base seed: 123 (from -Dminicrm.seed)");
    }

    @Test
    void exceptionsAndStackOverflows_failThePropertyToo_withTheirCause() {
        AssertionError thrown = failure(() -> Property.forAll("no exceptions", 3, r -> r.nextInt(10),
                n -> {
                    throw new IllegalStateException("boom " + n);
                }));
        assertThat(thrown.getMessage()).contains("failed on try 1 of 3").contains("IllegalStateException: boom")
                .contains("base seed: " + Property.DEFAULT_SEED + " (the default seed)");
        assertThat(thrown.getCause()).isInstanceOf(IllegalStateException.class);
        AssertionError deep = failure(() -> Property.forAll("no recursion", 3, r -> recurse(r.nextInt())));
        assertThat(deep.getCause()).isInstanceOf(StackOverflowError.class);
    }

    @Test
    void invisibleCharactersOfTheInput_areShownAsEscapes_soReportsKeepTheWholeMessage() {
        AssertionError e = failure(() -> Property.forAll("no NUL", 3, r -> "a\u0000b\u2028c\ud800d\ud83d\ude00",
                text -> assertThat(text).doesNotContain("\u0000")));
        assertThat(e.getMessage()).contains("input: a\\u0000b\\u2028c\\ud800d\ud83d\ude00")
                .doesNotContain("\u0000").doesNotContain("\u2028");
    }

    private static int recurse(int n) {
        return 1 + recurse(n + 1);
    }

    private static List<Long> draws(long seed) {
        List<Long> out = new ArrayList<>();
        Property.forAll("collect", seed, 20, (Consumer<SplittableRandom>) r -> out.add(r.nextLong()));
        return out;
    }

    private static AssertionError failure(Runnable property) {
        AssertionError e = catchThrowableOfType(AssertionError.class, property::run);
        assertThat(e).as("the property should have failed").isNotNull();
        return e;
    }

    private static String group(Throwable e, String regex) {
        Matcher m = Pattern.compile(regex).matcher(e.getMessage());
        assertThat(m.find()).as("%s in %s", regex, e.getMessage()).isTrue();
        return m.group(1);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
