package io.minicrm.domain.delivery;

import java.util.Locale;
import java.util.Optional;

/** PENDING -> SENT | FAILED (final); SKIPPED (frequency cap) and CANCELLED are final too. */
public enum DeliveryStatus {
    PENDING, SENT, FAILED, SKIPPED, CANCELLED;

    public boolean isFinal() {
        return this != PENDING;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWire(String s) {
        for (DeliveryStatus st : values()) {
            if (st.wire().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }
}
