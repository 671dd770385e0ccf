package io.minicrm.domain.shared;

import io.minicrm.domain.testing.Property;
import io.minicrm.domain.testing.RandomValues;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextFoldTest {

    @Test
    void foldingIsIdempotent_forEveryUtf16Unit() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char once = TextFold.fold((char) c);
            assertThat(TextFold.fold(once)).as("U+%04X", c).isEqualTo(once);
        }
    }

    @Test
    void fold_ignoresCaseButNotAccents_andKeepsTheLength() {
        assertThat(TextFold.fold("São PAULO")).isEqualTo("são paulo");
        assertThat(TextFold.fold("Straße")).isEqualTo("straße").hasSize(6);
        assertThat(TextFold.fold("ΣΊΣΥΦΟΣ")).isEqualTo(TextFold.fold("σίσυφος"));
        assertThat(TextFold.fold("İ")).hasSize(1);
        assertThat(TextFold.fold("sao")).isNotEqualTo(TextFold.fold("são"));
        assertThat(TextFold.fold((String) null)).isNull();
        String folded = "already folded";
        assertThat(TextFold.fold(folded)).isSameAs(folded);
    }

    /** Two strings of any UTF-16 content (lone surrogates, controls, non-ASCII letters); {@code other} is sometimes a case variant of part of {@code value}. */
    record Texts(String value, String other) {
        static Texts random(SplittableRandom r) {
            String value = RandomValues.anyString(r, 255);
            String other = RandomValues.anyString(r, 255);
            if (r.nextInt(3) == 0 && !value.isEmpty()) {
                int from = r.nextInt(value.length());
                String part = value.substring(from, from + r.nextInt(value.length() - from + 1));
                other = r.nextBoolean() ? part.toUpperCase(java.util.Locale.ROOT) : part.toLowerCase(java.util.Locale.ROOT);
            }
            return new Texts(value, other);
        }
    }

    @Test
    void allocationFreeComparisons_agreeWithFoldingBothSides() {
        Property.forAll("allocation-free comparisons == fold both sides", 1000, Texts::random, t -> {
            String value = t.value();
            String other = t.other();
            String v = value + other;
            String x = TextFold.fold(other);
            assertThat(TextFold.equalsFolded(v, x)).isEqualTo(TextFold.fold(v).equals(x));
            assertThat(TextFold.containsFolded(v, x)).isTrue();
            assertThat(TextFold.endsWithFolded(v, x)).isTrue();
            assertThat(TextFold.startsWithFolded(value, TextFold.fold(value))).isTrue();
            assertThat(TextFold.containsFolded(value, x)).isEqualTo(TextFold.fold(value).contains(x));
            assertThat(TextFold.startsWithFolded(value, x)).isEqualTo(TextFold.fold(value).startsWith(x));
            assertThat(TextFold.endsWithFolded(value, x)).isEqualTo(TextFold.fold(value).endsWith(x));
        });
    }
}
