package io.minicrm.application.auth;

import io.minicrm.application.port.IdentityVerifier;
import io.minicrm.application.port.UserRepository;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.user.User;
import io.minicrm.domain.user.UserId;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Signs a person in with an identity provider (Google): verifies the token or code, checks the
 * e-mail is verified and, when {@code allowedDomains} is set, that the account belongs to one of them
 * (Google's {@code hd} claim, else the e-mail's domain), then creates or refreshes the user.
 */
public final class SignIn {
    private final IdentityVerifier verifier;
    private final UserRepository users;
    private final IdGenerator ids;
    private final Clock clock;
    private final Set<String> allowedDomains;

    public SignIn(IdentityVerifier verifier, UserRepository users, IdGenerator ids, Clock clock, Set<String> allowedDomains) {
        this.verifier = verifier;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
        this.allowedDomains = allowedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    public User withIdToken(String idToken) {
        return upsert(identity(verifier.verifyIdToken(idToken)));
    }

    public User withCode(String code, String redirectUri) {
        return upsert(identity(verifier.exchangeCode(code, redirectUri)));
    }

    /** Verifies an ID token used directly as a bearer token (no user record is written). */
    public IdentityVerifier.Identity verifyBearer(String idToken) {
        return identity(verifier.verifyIdToken(idToken));
    }

    private IdentityVerifier.Identity identity(IdentityVerifier.Identity id) {
        if (id.email() == null || !id.emailVerified()) {
            throw new IdentityVerifier.InvalidCredentialsException("the account's e-mail address is not verified");
        }
        if (!allowedDomains.isEmpty()) {
            String domain = id.hostedDomain() != null ? id.hostedDomain().toLowerCase(Locale.ROOT)
                    : id.email().substring(id.email().indexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!allowedDomains.contains(domain)) {
                throw new IdentityVerifier.InvalidCredentialsException("accounts of " + domain + " may not sign in here");
            }
        }
        return id;
    }

    private User upsert(IdentityVerifier.Identity id) {
        Optional<User> existing = users.findBySubject(id.subject());
        User user = existing
                .map(u -> u.signedIn(id.name(), id.pictureUrl(), clock.instant()))
                .orElseGet(() -> new User(new UserId(ids.newId()), id.subject(), Email.of(id.email()), id.name(),
                        id.pictureUrl(), User.Role.MEMBER, clock.instant(), clock.instant()));
        users.save(user);
        return user;
    }

    public Optional<User> find(UserId id) {
        return users.findById(id);
    }
}
