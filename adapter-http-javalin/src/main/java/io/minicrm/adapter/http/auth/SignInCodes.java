package io.minicrm.adapter.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time sign-in codes for the local admin (the start-up banner prints a link holding one): 128 random
 * bits, usable once, for {@link #TTL}. Only a hash of each code is kept; at most {@link #MAX_OUTSTANDING}
 * codes are open at a time (the oldest are forgotten first).
 */
public final class SignInCodes {
    public static final Duration TTL = Duration.ofMinutes(30);
    static final int MAX_OUTSTANDING = 100;

    private final Clock clock;
    private final Map<String, Instant> open = new ConcurrentHashMap<>();

    public SignInCodes(Clock clock) {
        this.clock = clock;
    }

    /** A new code, valid once for {@link #TTL}. */
    public String issue() {
        Instant now = clock.instant();
        open.values().removeIf(exp -> !exp.isAfter(now));
        while (open.size() >= MAX_OUTSTANDING) {
            open.entrySet().stream().min(Map.Entry.comparingByValue()).ifPresent(e -> open.remove(e.getKey(), e.getValue()));
        }
        String code = Secrets.random(16);
        open.put(key(code), now.plus(TTL));
        return code;
    }

    /** Whether {@code code} was issued, is unexpired and unused; it is used up either way. */
    public boolean redeem(String code) {
        if (code == null || code.isEmpty() || code.length() > 256) {
            return false;
        }
        Instant expires = open.remove(key(code));
        return expires != null && clock.instant().isBefore(expires);
    }

    private static String key(String code) {
        return HexFormat.of().formatHex(Secrets.sha256(code));
    }
}
