package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.auth.Principal;
import io.minicrm.adapter.http.auth.SessionTokens;
import io.minicrm.adapter.http.auth.SignInCodes;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.request.Requests;
import io.minicrm.adapter.http.view.UserJson;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.domain.shared.Ids;
import io.minicrm.domain.user.User;
import io.minicrm.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with Google ({@code {idToken}} / {@code {credential}} or {@code {code, redirectUri?}}) answering
 * {@code {token, expiresAt, user}} with this server's session token; the local admin's one-time sign-in code
 * ({@code POST /api/auth/code}); which sign-in methods this server offers ({@code GET /api/auth/options});
 * and {@code GET /api/auth/me}.
 */
final class AuthRoutes {
    private final HttpUseCases services;
    private final Web web;
    private final SessionTokens sessions;
    private final SignInCodes codes;

    AuthRoutes(HttpUseCases services, Web web, SessionTokens sessions, SignInCodes codes) {
        this.services = services;
        this.web = web;
        this.sessions = sessions;
        this.codes = codes;
    }

    void register(RouteTable routes) {
        routes.post("/api/auth/google", Access.PUBLIC, this::signIn);
        routes.post("/api/auth/code", Access.PUBLIC, this::redeemCode);
        routes.get("/api/auth/options", Access.PUBLIC, this::options);
        routes.get("/api/auth/me", Access.USER, this::me);
    }

    /** What a sign-in page needs: whether the local admin can sign in, and Google's client id if configured. */
    private void options(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("localAdmin", web.settings().adminToken() != null);
        body.put("google", web.settings().localMode() ? null : Map.of("clientId", web.settings().googleClientId()));
        web.json(ctx, 200, body);
    }

    /** {@code {code}} (one-time, from the start-up banner's link) -> a session of the local admin. */
    private void redeemCode(Context ctx) {
        Requests.SignInCode req = web.bodies().json(ctx, Requests.SignInCode.class, web.settings().maxBodyBytes());
        if (req.code() == null || req.code().isBlank()) {
            throw ApiProblem.badRequest("/code", "is required");
        }
        if (web.settings().adminToken() == null) {
            throw ApiProblem.unauthorized("this server has no local admin (Google sign-in is configured)");
        }
        if (!codes.redeem(req.code().strip())) {
            throw ApiProblem.unauthorized("this sign-in code is not valid: it was used already, has expired (codes last "
                    + SignInCodes.TTL.toMinutes() + " minutes) or was never issued; sign in with the admin token printed "
                    + "at start-up");
        }
        SessionTokens.Issued issued = sessions.issueLocalAdmin();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("tokenType", "Bearer");
        body.put("expiresAt", issued.expiresAt());
        body.put("user", Map.of("id", "admin", "name", "Local admin", "role", "admin"));
        web.json(ctx, 200, body);
    }

    private void signIn(Context ctx) {
        Requests.SignIn req = web.bodies().json(ctx, Requests.SignIn.class, io.minicrm.adapter.http.Safeguards.MAX_SIGN_IN_BODY_BYTES);
        if (web.settings().localMode()) {
            throw ApiProblem.unauthorized("Google sign-in is not configured on this server (local mode); "
                    + "use the admin token printed at start-up");
        }
        String idToken = req.idToken() != null ? req.idToken() : req.credential();
        int given = (req.idToken() != null ? 1 : 0) + (req.credential() != null ? 1 : 0) + (req.code() != null ? 1 : 0);
        if (given != 1) {
            throw ApiProblem.badRequest("", "send exactly one of idToken, credential or code");
        }
        User user = idToken != null ? services.signIn().withIdToken(idToken)
                : services.signIn().withCode(req.code(), req.redirectUri());
        SessionTokens.Issued issued = sessions.issue(user);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("tokenType", "Bearer");
        body.put("expiresAt", issued.expiresAt());
        body.put("user", UserJson.from(user));
        web.json(ctx, 200, body);
    }

    private void me(Context ctx) {
        Principal p = Attributes.principal(ctx);
        Optional<User> user = p.kind() == Principal.Kind.USER && Ids.isValid(p.id())
                ? services.signIn().find(new UserId(p.id())) : Optional.empty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id());
        body.put("kind", p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("email", p.email());
        body.put("name", p.name());
        body.put("admin", p.admin());
        user.ifPresent(u -> body.put("user", UserJson.from(u)));
        web.json(ctx, 200, body);
    }
}
