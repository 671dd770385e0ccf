/**
 * The Mini CRM REST API on Javalin: the HTTP driving adapter of the hexagon.
 *
 * <p>Entry point: {@link io.minicrm.adapter.http.HttpApi} ({@code new HttpApi(useCases, httpSettings,
 * hooks).start(port)}), given the use cases its routes call ({@link io.minicrm.adapter.http.HttpUseCases}), configured by {@link io.minicrm.adapter.http.HttpSettings} and
 * {@link io.minicrm.adapter.http.HttpHooks}. Also here for the bootstrap to wire into the application:
 * {@link io.minicrm.adapter.http.auth.GoogleIdentityVerifier} (the {@code IdentityVerifier} port on
 * google-api-client) and {@link io.minicrm.adapter.http.json.JacksonTreeCodec} (the {@code TreeCodec} port).
 *
 * <p>Settings and the environment variables they stand for: {@code corsOrigins} - {@code CRM_CORS_ORIGINS};
 * {@code vendorWebhookSecret} - {@code VENDOR_WEBHOOK_SECRET}; {@code sessionSecret} - {@code CRM_SESSION_SECRET};
 * {@code apiKeys} - {@code CRM_API_KEYS}; {@code googleClientId} - {@code GOOGLE_CLIENT_ID} (the verifier also
 * takes {@code GOOGLE_CLIENT_SECRET} for the authorization-code flow); {@code allowedDomains} -
 * {@code CRM_ALLOWED_DOMAINS}; {@code queuedIngestion} - {@code USE_PUBSUB}.
 *
 * <p>Sub-packages: {@code web} (routes, paging, bodies, errors), {@code auth} (sessions, Google, API keys,
 * vendor signatures), {@code json} (hardened Jackson), {@code problem} (RFC 9457), {@code view} (response
 * shapes), {@code request} (request shapes), {@code csv} (streamed import and export).
 */
package io.minicrm.adapter.http;
