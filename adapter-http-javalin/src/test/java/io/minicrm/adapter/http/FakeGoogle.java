package io.minicrm.adapter.http;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.minicrm.adapter.http.auth.GoogleEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's sign-in endpoints on a local port, speaking Google's protocols: the v1 certificates endpoint
 * (JSON map of key id to PEM certificate, with a cache max-age) and the OAuth token endpoint
 * (authorization-code grant, form-encoded). ID tokens are RS256 JWTs signed with a test key whose
 * certificate the certificates endpoint serves; the "rogue" key's certificate is never served.
 */
final class FakeGoogle implements AutoCloseable {
    static final String CLIENT_ID = "test-client.apps.googleusercontent.com";
    static final String CLIENT_SECRET = "test-client-secret";
    static final String KID = "test-key-1";

    private final HttpServer server;
    private final PrivateKey googleKey;
    private final PrivateKey rogueKey;
    private final String certsJson;
    private final Map<String, Claims> codes = new ConcurrentHashMap<>();
    final AtomicInteger certRequests = new AtomicInteger();
    volatile Map<String, String> lastTokenRequest = Map.of();

    /** What an ID token says. */
    record Claims(String subject, String email, boolean emailVerified, String hostedDomain, String audience,
                  String issuer, Instant expiresAt, boolean rogue) {
        static Claims valid(String subject, String email) {
            return new Claims(subject, email, true, email.substring(email.indexOf('@') + 1), CLIENT_ID,
                    "https://accounts.google.com", Instant.now().plusSeconds(3600), false);
        }

        Claims audience(String aud) {
            return new Claims(subject, email, emailVerified, hostedDomain, aud, issuer, expiresAt, rogue);
        }

        Claims issuer(String iss) {
            return new Claims(subject, email, emailVerified, hostedDomain, audience, iss, expiresAt, rogue);
        }

        Claims expiresAt(Instant t) {
            return new Claims(subject, email, emailVerified, hostedDomain, audience, issuer, t, rogue);
        }

        Claims hostedDomain(String hd) {
            return new Claims(subject, email, emailVerified, hd, audience, issuer, expiresAt, rogue);
        }

        Claims unverifiedEmail() {
            return new Claims(subject, email, false, hostedDomain, audience, issuer, expiresAt, rogue);
        }

        Claims signedByRogueKey() {
            return new Claims(subject, email, emailVerified, hostedDomain, audience, issuer, expiresAt, true);
        }
    }

    FakeGoogle() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = FakeGoogle.class.getResourceAsStream("google-test-keys.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        googleKey = (PrivateKey) ks.getKey("google", "changeit".toCharArray());
        rogueKey = (PrivateKey) ks.getKey("rogue", "changeit".toCharArray());
        X509Certificate cert = (X509Certificate) ks.getCertificate("google");
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        certsJson = "{\"" + KID + "\": \"" + pem.replace("\n", "\\n") + "\"}";
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth2/v1/certs", this::certs);
        server.createContext("/token", this::token);
        server.start();
    }

    GoogleEndpoints endpoints() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return new GoogleEndpoints(base + "/oauth2/v1/certs", base + "/token", GoogleEndpoints.ISSUERS);
    }

    String idToken(Claims c) {
        try {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                    .issuer(c.issuer())
                    .audience(c.audience())
                    .subject(c.subject())
                    .issueTime(Date.from(c.expiresAt().minusSeconds(3600)))
                    .expirationTime(Date.from(c.expiresAt()))
                    .claim("email", c.email())
                    .claim("email_verified", c.emailVerified())
                    .claim("name", "Test " + c.subject())
                    .claim("picture", "https://example.com/" + c.subject() + ".png");
            if (c.hostedDomain() != null) {
                b.claim("hd", c.hostedDomain());
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).type(JOSEObjectType.JWT)
                    .build(), b.build());
            jwt.sign(new RSASSASigner(c.rogue() ? rogueKey : googleKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An authorization code the token endpoint exchanges for an ID token with these claims. */
    String code(Claims c) {
        String code = "code-" + c.subject() + "-" + codes.size();
        codes.put(code, c);
        return code;
    }

    private void certs(HttpExchange ex) throws IOException {
        certRequests.incrementAndGet();
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        ex.getResponseHeaders().add("Cache-Control", "public, max-age=3600, must-revalidate, no-transform");
        send(ex, 200, certsJson);
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = new HashMap<>();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        lastTokenRequest = Map.copyOf(form);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        Claims c = codes.remove(form.getOrDefault("code", ""));
        boolean clientOk = CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
        if (!"POST".equals(ex.getRequestMethod()) || !"authorization_code".equals(form.get("grant_type")) || !clientOk
                || c == null) {
            send(ex, 400, "{\"error\": \"invalid_grant\", \"error_description\": \"Bad Request\"}");
            return;
        }
        send(ex, 200, "{\"access_token\": \"ya29.test\", \"expires_in\": 3599, \"token_type\": \"Bearer\", "
                + "\"scope\": \"openid email profile\", \"id_token\": \"" + idToken(c) + "\"}");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
