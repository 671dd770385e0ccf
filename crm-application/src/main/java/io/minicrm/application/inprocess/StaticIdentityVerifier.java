package io.minicrm.application.inprocess;

import io.minicrm.application.port.IdentityVerifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An identity verifier with a fixed table of tokens (and codes), for tests and embedding. */
public final class StaticIdentityVerifier implements IdentityVerifier {
    private final Map<String, Identity> tokens = new ConcurrentHashMap<>();

    public StaticIdentityVerifier register(String token, Identity identity) {
        tokens.put(token, identity);
        return this;
    }

    @Override
    public Identity verifyIdToken(String idToken) {
        Identity id = idToken == null ? null : tokens.get(idToken);
        if (id == null) {
            throw new InvalidCredentialsException("unknown token");
        }
        return id;
    }

    @Override
    public Identity exchangeCode(String code, String redirectUri) {
        return verifyIdToken(code);
    }
}
