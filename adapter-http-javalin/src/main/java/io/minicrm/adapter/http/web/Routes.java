package io.minicrm.adapter.http.web;

import io.javalin.config.RoutesConfig;
import io.minicrm.adapter.http.HttpHooks;
import io.minicrm.adapter.http.HttpSettings;
import io.minicrm.adapter.http.auth.Authenticator;
import io.minicrm.adapter.http.auth.ReceiptSignature;
import io.minicrm.adapter.http.auth.SessionTokens;
import io.minicrm.adapter.http.auth.SignInCodes;
import io.minicrm.adapter.http.guard.HeavyRequests;
import io.minicrm.adapter.http.json.JsonSupport;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.application.support.KeyedRateLimiter;
import java.util.function.BooleanSupplier;

/** Every route of the API, registered by topic. */
public final class Routes {
    private final HttpUseCases services;
    private final HttpHooks hooks;
    private final Web web;
    private final SessionTokens sessions;
    private final SignInCodes codes;
    private final Authenticator authenticator;
    private final ReceiptSignature receiptSignature;
    private final KeyedRateLimiter aiLimiter;
    private final BooleanSupplier stopping;

    public Routes(HttpUseCases services, HttpSettings settings, HttpHooks hooks, JsonSupport json, SessionTokens sessions,
                  SignInCodes codes, Authenticator authenticator, ReceiptSignature receiptSignature, KeyedRateLimiter aiLimiter,
                  BooleanSupplier stopping) {
        this.services = services;
        this.hooks = hooks;
        this.web = new Web(json, new Bodies(json), new Paging(settings.publicBaseUrl()), settings);
        this.sessions = sessions;
        this.codes = codes;
        this.authenticator = authenticator;
        this.receiptSignature = receiptSignature;
        this.aiLimiter = aiLimiter;
        this.stopping = stopping;
    }

    public void register(RoutesConfig config) {
        RouteTable routes = new RouteTable(config, authenticator, aiLimiter,
                new HeavyRequests(web.settings().safeguards().maxHeavyRequests()), web.settings().safeguards().metricsToken());
        new AuthRoutes(services, web, sessions, codes).register(routes);
        new CustomerRoutes(services, web).register(routes);
        new OrderRoutes(services, web).register(routes);
        new SegmentRoutes(services, web).register(routes);
        new RuleRoutes(web).register(routes);
        new OverviewRoutes(services, web).register(routes);
        new CampaignRoutes(services, web).register(routes);
        new ReceiptRoutes(services, web, receiptSignature).register(routes);
        new AiRoutes(services, web).register(routes);
        new AdminRoutes(services, web).register(routes);
        new OpsRoutes(web, hooks, stopping).register(routes);
        new ConsoleRoutes().register(routes);
    }
}
