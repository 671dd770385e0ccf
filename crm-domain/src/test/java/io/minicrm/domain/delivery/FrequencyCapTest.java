package io.minicrm.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrequencyCapTest {
    private final FrequencyCap twoPerWeek = new FrequencyCap(2, Duration.ofDays(7));

    @Test
    void aCustomerUnderTheCap_isNotHeldBack() {
        assertThat(twoPerWeek.holdsBack(0)).isEmpty();
        assertThat(twoPerWeek.holdsBack(1)).isEmpty();
    }

    @Test
    void aCustomerAtOrOverTheCap_isHeldBack_withTheReason() {
        assertThat(twoPerWeek.holdsBack(2)).contains("frequency cap: already 2 message(s) in the last 7 day(s)");
        assertThat(twoPerWeek.holdsBack(5)).contains("frequency cap: already 5 message(s) in the last 7 day(s)");
    }

    @Test
    void noCap_holdsNobodyBack_andNeedsNoLookup() {
        assertThat(FrequencyCap.OFF.isOn()).isFalse();
        assertThat(FrequencyCap.OFF.holdsBack(1_000)).isEmpty();
        assertThat(twoPerWeek.isOn()).isTrue();
    }

    @Test
    void theWindow_endsNow() {
        Instant now = Instant.parse("2025-06-15T12:00:00Z");
        assertThat(twoPerWeek.windowStart(now)).isEqualTo(Instant.parse("2025-06-08T12:00:00Z"));
    }

    @Test
    void aNegativeCapOrAnEmptyWindow_isRefused() {
        assertThatThrownBy(() -> new FrequencyCap(-1, Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrequencyCap(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
