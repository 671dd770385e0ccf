package io.minicrm.adapter.vendorsim;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs receipt callbacks: {@code X-Vendor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}
 * keyed with the shared webhook secret (docs/api.md). The receiver recomputes the HMAC over the exact bytes it
 * received.
 */
public final class ReceiptSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    /** @param secret the shared webhook secret ({@code VENDOR_WEBHOOK_SECRET}), not blank */
    public ReceiptSigner(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("webhook secret must not be blank");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for {@code body} sent at {@code epochSeconds}. */
    public String header(long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(hmac(epochSeconds, body));
    }

    private byte[] hmac(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
