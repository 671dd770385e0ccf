package io.minicrm.adapter.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.minicrm.domain.user.User;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;

/**
 * This server's session tokens: JWTs signed with HMAC-SHA256 (nimbus-jose-jwt), issuer
 * {@value #ISSUER}, audience {@value #AUDIENCE}, expiring after the configured lifetime. The key is the
 * configured secret, or 32 random bytes per start.
 */
public final class SessionTokens {
    public static final String ISSUER = "minicrm";
    public static final String AUDIENCE = "minicrm-api";
    /** The claim that marks a session of the local admin. */
    public static final String LOCAL_ADMIN_CLAIM = "localAdmin";
    static final String LOCAL_ADMIN_SUBJECT = "admin";
    static final String LOCAL_ADMIN_NAME = "Local admin";

    /** A token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** The token is not one of ours, or no longer valid; the message says why. */
    public static final class InvalidSessionException extends Exception {
        InvalidSessionException(String message) {
            super(message, null, false, false);
        }
    }

    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Duration ttl;
    private final Clock clock;

    /** @param secret the HMAC key (>= 32 bytes), or null for a random key */
    public SessionTokens(String secret, Duration ttl, Clock clock) {
        byte[] key = secret == null ? Secrets.randomBytes(32) : secret.getBytes(StandardCharsets.UTF_8);
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the session secret must be at least 32 bytes", e);
        }
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat", "jti"));
        claims.setMaxClockSkew(5);
        processor.setJWTClaimsSetVerifier(claims);
        this.ttl = ttl;
        this.clock = clock;
    }

    public Issued issue(User user) {
        return sign(new JWTClaimsSet.Builder()
                .subject(user.id().value())
                .claim("email", user.email().value())
                .claim("name", user.name())
                .claim("role", user.role().name().toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * A session of the local admin (claim {@value #LOCAL_ADMIN_CLAIM}), issued for a one-time sign-in code;
     * {@link #verify} answers it as the {@link Principal.Kind#ADMIN} principal.
     */
    public Issued issueLocalAdmin() {
        return sign(new JWTClaimsSet.Builder()
                .subject(LOCAL_ADMIN_SUBJECT)
                .claim("name", LOCAL_ADMIN_NAME)
                .claim("role", "admin")
                .claim(LOCAL_ADMIN_CLAIM, true));
    }

    private Issued sign(JWTClaimsSet.Builder builder) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(ttl);
        JWTClaimsSet claims = builder
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .jwtID(Secrets.random(16))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session token", e);
        }
        return new Issued(jwt.serialize(), exp);
    }

    /** The principal of a valid session token. */
    public Principal verify(String token) throws InvalidSessionException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new InvalidSessionException(m.toLowerCase(java.util.Locale.ROOT).contains("expired")
                    ? "the session has expired; sign in again" : "the session token is not valid: " + m);
        } catch (BadJOSEException e) {
            throw new InvalidSessionException("the session token is not valid: its signature does not verify");
        } catch (ParseException | JOSEException e) {
            throw new InvalidSessionException("the session token is malformed");
        }
        try {
            if (Boolean.TRUE.equals(claims.getBooleanClaim(LOCAL_ADMIN_CLAIM))) {
                return new Principal(LOCAL_ADMIN_SUBJECT, Principal.Kind.ADMIN, null, LOCAL_ADMIN_NAME, true);
            }
            String email = claims.getStringClaim("email");
            String name = claims.getStringClaim("name");
            boolean admin = "admin".equals(claims.getStringClaim("role"));
            return new Principal(claims.getSubject(), Principal.Kind.USER, email, name, admin);
        } catch (ParseException e) {
            throw new InvalidSessionException("the session token is malformed");
        }
    }
}
