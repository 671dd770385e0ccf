package io.minicrm.bootstrap;

import io.minicrm.application.port.IdentityVerifier;

/** Local mode: there is no identity provider; Google sign-in answers 401 with the reason. */
final class NoIdentityProvider implements IdentityVerifier {
    @Override
    public Identity verifyIdToken(String idToken) {
        throw new InvalidCredentialsException("Google sign-in is not configured on this server (set GOOGLE_CLIENT_ID)");
    }

    @Override
    public Identity exchangeCode(String code, String redirectUri) {
        return verifyIdToken(code);
    }
}
