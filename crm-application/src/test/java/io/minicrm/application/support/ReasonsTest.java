package io.minicrm.application.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Errors as operators see them: messages, never internal class names. */
class ReasonsTest {

    @Test
    void anExceptionIsItsMessage_orItsCausesMessage_orANeutralPhrase() {
        assertThat(Reasons.of(new IllegalStateException("the store is gone"))).isEqualTo("the store is gone");
        assertThat(Reasons.of(new RuntimeException(null, new java.io.IOException("connection reset"))))
                .isEqualTo("connection reset");
        assertThat(Reasons.of(new NullPointerException())).isEqualTo("unexpected internal error");
        assertThat(Reasons.of(new IllegalStateException("x".repeat(1000)))).hasSize(Reasons.MAX + 3);
    }

    @Test
    void storedErrorTexts_loseTheirClassNames() {
        assertThat(Reasons.scrub("java.lang.IllegalStateException: cannot parse poison row 7"))
                .isEqualTo("cannot parse poison row 7");
        assertThat(Reasons.scrub("io.minicrm.application.delivery.DispatchJob$Bad: bad job")).isEqualTo("bad job");
        assertThat(Reasons.scrub("java.lang.NullPointerException")).isEqualTo("internal error");
        assertThat(Reasons.scrub("failed: java.util.ConcurrentModificationException in the batch"))
                .isEqualTo("failed: internal error in the batch");
        assertThat(Reasons.scrub("vendor refused the request with 400: messages[3].to.email"))
                .isEqualTo("vendor refused the request with 400: messages[3].to.email");
        assertThat(Reasons.scrub(null)).isNull();
    }
}
