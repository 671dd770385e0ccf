package io.minicrm.adapter.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies vendor callbacks: header {@code X-Vendor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.rawBody">} (several {@code v1} allowed, for key rotation at the vendor), compared in constant time,
 * with the timestamp at most the tolerance away from now. Verification runs on the raw body bytes,
 * before anything parses them; {@link #precheck} runs what needs no body, before the body is read.
 */
public final class ReceiptSignature {
    public static final String HEADER = "X-Vendor-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    /** Why a signature was refused (safe to show the caller). */
    public static final class InvalidSignatureException extends Exception {
        InvalidSignatureException(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    public ReceiptSignature(String secret, Duration tolerance, Clock clock) {
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** A well-formed header: its timestamp and the signatures it offers. */
    private record Parsed(String t, List<byte[]> candidates) {
    }

    /**
     * Everything that can be checked before the body is read: a secret is configured, the header is present
     * and well formed, and its timestamp is at most the tolerance away from now. A request failing here is
     * refused without reading a byte of its body.
     */
    public void precheck(String header) throws InvalidSignatureException {
        parse(header);
    }

    public void verify(String header, byte[] body) throws InvalidSignatureException {
        Parsed p = parse(header);
        byte[] expected = mac(secret, p.t(), body);
        boolean match = false;
        for (byte[] c : p.candidates()) {
            match |= MessageDigest.isEqual(expected, c);
        }
        if (!match) {
            throw new InvalidSignatureException("the signature does not match the body");
        }
    }

    private Parsed parse(String header) throws InvalidSignatureException {
        if (secret == null) {
            throw new InvalidSignatureException("receipts are refused: no vendor webhook secret is configured");
        }
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException("missing " + HEADER + " header");
        }
        if (header.length() > 1000) {
            throw new InvalidSignatureException("malformed " + HEADER + " header");
        }
        String t = null;
        List<byte[]> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidSignatureException("malformed " + HEADER + " header");
            }
            String key = p.substring(0, eq);
            String value = p.substring(eq + 1);
            if (key.equals("t")) {
                if (t != null || !value.matches("[0-9]{1,12}")) {
                    throw new InvalidSignatureException("malformed " + HEADER + " header: bad timestamp");
                }
                t = value;
            } else if (key.equals("v1")) {
                if (!value.matches("[0-9a-fA-F]{64}")) {
                    throw new InvalidSignatureException("malformed " + HEADER + " header: v1 must be 64 hex digits");
                }
                candidates.add(HexFormat.of().parseHex(value));
            }
        }
        if (t == null || candidates.isEmpty()) {
            throw new InvalidSignatureException("malformed " + HEADER + " header: t and v1 are required");
        }
        long age = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(t));
        if (age > tolerance.toSeconds()) {
            throw new InvalidSignatureException("the signature timestamp is more than " + tolerance.toSeconds()
                    + " s away from now");
        }
        return new Parsed(t, candidates);
    }

    /** The header value for {@code body} signed at {@code epochSeconds} (for vendors and tests). */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        String t = Long.toString(epochSeconds);
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8), t, body));
    }

    private static byte[] mac(byte[] key, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update(t.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
