package io.minicrm.bootstrap;

import io.minicrm.adapter.http.HttpApi;
import io.minicrm.adapter.http.HttpHooks;
import io.minicrm.adapter.http.HttpSettings;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.adapter.http.auth.GoogleIdentityVerifier;
import io.minicrm.adapter.http.json.JacksonTreeCodec;
import io.minicrm.application.port.IdentityVerifier;
import io.minicrm.application.port.TreeCodec;
import java.time.Clock;

/**
 * The HTTP API (adapter-http-javalin), given only the use cases its routes call. Loaded only when HTTP is
 * chosen (or, for the queue's codec, when the adapter is on the classpath).
 */
final class HttpWiring implements HttpParts {
    private final HttpApi api;
    private final String host;
    private final int port;

    private HttpWiring(HttpApi api, String host, int port) {
        this.api = api;
        this.host = host;
        this.port = port;
    }

    /** The use cases of the routes, and nothing else. */
    static HttpUseCases useCases(Assembly a) {
        return new HttpUseCases(a.signIn, a.ingestCustomers, a.ingestOrders, a.ingestion, a.customers, a.orders,
                a.orderReconciler, a.segments, a.segmentWithCampaign, a.campaigns, a.campaignActivity, a.receipts, a.ai,
                a.queueHealth, a.overview, a.instances);
    }

    static HttpWiring start(Assembly assembly, StoreParts store, String host, int port, String webhookSecret,
                            String adminToken, ServerOptions server, Clock clock) {
        HttpSettings settings;
        HttpHooks hooks;
        if (server != null) {
            settings = server.application().httpSettings(webhookSecret, adminToken);
            hooks = server.application().hooks();
            if (store.backup().isPresent()) {
                StoreParts.Backup backup = store.backup().get();
                hooks = hooks.withBackup(backup::writeTo);
            }
        } else {
            settings = HttpSettings.builder().vendorWebhookSecret(webhookSecret).adminToken(adminToken).build();
            hooks = HttpHooks.none();
        }
        HttpApi api = new HttpApi(useCases(assembly), settings, hooks, clock);
        int bound = api.start(host, port);
        return new HttpWiring(api, host, bound);
    }

    /** Google sign-in when the server has a client id, else none (local mode: the admin token). */
    static IdentityVerifier identity(ServerOptions server) {
        Config c = server.config();
        return c.googleClientId().<IdentityVerifier>map(id -> new GoogleIdentityVerifier(id, c.googleClientSecret().orElse(null),
                server.tuning().google())).orElseGet(NoIdentityProvider::new);
    }

    static TreeCodec codec() {
        return new JacksonTreeCodec();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String urlHost() {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }

    @Override
    public String issueSignInCode() {
        return api.issueSignInCode();
    }

    @Override
    public void stop() {
        api.stop();
    }
}
