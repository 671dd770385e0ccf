package io.minicrm.application.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.inprocess.InMemoryUserRepository;
import io.minicrm.application.inprocess.StaticIdentityVerifier;
import io.minicrm.application.port.IdentityVerifier;
import io.minicrm.application.port.IdentityVerifier.Identity;
import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.application.testing.TestClock;
import io.minicrm.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final StaticIdentityVerifier verifier = new StaticIdentityVerifier()
            .register("ann-token", new Identity("sub-ann", "ann@example.com", true, "Ann", "https://p/a.png", "example.com"))
            .register("bob-token", new Identity("sub-bob", "bob@gmail.com", true, "Bob", null, null))
            .register("eve-token", new Identity("sub-eve", "eve@example.com", false, "Eve", null, null))
            .register("dan-token", new Identity("sub-dan", "dan@example.com", true, "Dan", null, null));

    private SignIn signIn(Set<String> domains) {
        return new SignIn(verifier, users, new TimeOrderedIds(clock), clock, domains);
    }

    @Test
    void aFirstSignIn_createsAMember_aLaterOneRefreshesIt() {
        SignIn s = signIn(Set.of());
        User first = s.withIdToken("ann-token");
        clock.advance(Duration.ofHours(1));
        User again = s.withCode("ann-token", "https://app/callback");

        assertThat(first.role()).isEqualTo(User.Role.MEMBER);
        assertThat(first.email().value()).isEqualTo("ann@example.com");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.lastLoginAt()).isEqualTo(clock.instant());
        assertThat(again.createdAt()).isEqualTo(first.createdAt());
        assertThat(s.find(first.id())).contains(again);
        assertThat(users.findBySubject("sub-ann")).contains(again);
    }

    @Test
    void unknownTokensAndUnverifiedEmails_areRefused() {
        SignIn s = signIn(Set.of());
        assertThatThrownBy(() -> s.withIdToken("forged")).isInstanceOf(IdentityVerifier.InvalidCredentialsException.class);
        assertThatThrownBy(() -> s.withIdToken("eve-token")).isInstanceOf(IdentityVerifier.InvalidCredentialsException.class)
                .hasMessageContaining("not verified");
        assertThat(users.findBySubject("sub-eve")).isEmpty();
    }

    @Test
    void allowedDomains_checkTheHostedDomain_elseTheEmailDomain() {
        SignIn s = signIn(Set.of("Example.com"));
        assertThat(s.withIdToken("ann-token").subject()).isEqualTo("sub-ann");
        assertThat(s.verifyBearer("dan-token").email()).isEqualTo("dan@example.com");
        assertThatThrownBy(() -> s.withIdToken("bob-token")).isInstanceOf(IdentityVerifier.InvalidCredentialsException.class)
                .hasMessageContaining("gmail.com");
        assertThat(users.findBySubject("sub-bob")).isEmpty();
        assertThat(users.findBySubject("sub-dan")).as("a bearer check writes no user").isEmpty();
    }
}
