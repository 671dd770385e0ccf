package io.minicrm.domain.shared;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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

    @Property(tries = 300)
    void allocationFreeComparisons_agreeWithFoldingBothSides(@ForAll String value, @ForAll String other) {
        String v = value + other;
        String x = TextFold.fold(other);
        assertThat(TextFold.equalsFolded(v, x)).isEqualTo(TextFold.fold(v).equals(x));
        assertThat(TextFold.containsFolded(v, x)).isTrue();
        assertThat(TextFold.endsWithFolded(v, x)).isTrue();
        assertThat(TextFold.startsWithFolded(value, TextFold.fold(value))).isTrue();
        assertThat(TextFold.containsFolded(value, x)).isEqualTo(TextFold.fold(value).contains(x));
        assertThat(TextFold.startsWithFolded(value, x)).isEqualTo(TextFold.fold(value).startsWith(x));
        assertThat(TextFold.endsWithFolded(value, x)).isEqualTo(TextFold.fold(value).endsWith(x));
    }
}
