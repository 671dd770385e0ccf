package io.minicrm.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void theDefaults_failOverWithinFiveSeconds() {
        ClusterSettings d = ClusterSettings.defaults();
        assertThat(d.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.deadAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void timingsThatCannotWorkTogether_areRefused_namingTheSetting() {
        assertThatThrownBy(() -> new ClusterSettings(ms(5), ms(100), ms(100), ms(1000)))
                .hasMessageContaining("heartbeatInterval");
        assertThatThrownBy(() -> new ClusterSettings(ms(250), ms(500), ms(1000), ms(5000)))
                .hasMessageContaining("deadAfter must be at least 3 heartbeat intervals (750 ms)");
        assertThatThrownBy(() -> new ClusterSettings(ms(250), ms(1500), ms(1000), ms(5000)))
                .hasMessageContaining("leaseTtl");
        assertThatThrownBy(() -> new ClusterSettings(ms(250), ms(1500), ms(1500), ms(1500)))
                .hasMessageContaining("reclaimIdle");
        assertThat(new ClusterSettings(ms(250), ms(750), ms(750), ms(751)).deadAfter()).isEqualTo(ms(750));
    }
}
