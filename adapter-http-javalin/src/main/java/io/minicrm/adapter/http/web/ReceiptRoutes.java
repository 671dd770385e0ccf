package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.auth.ReceiptSignature;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.domain.delivery.Receipt;
import java.util.List;
import java.util.Map;

/**
 * The vendor's receipt callback: a missing, malformed or stale signature header is refused before the
 * body is read (by the {@code PublicBodyGate}, which also caps the body and the callbacks in progress and
 * reads the body without holding a thread); the signature is verified on the raw body bytes before anything
 * is parsed (a bad signature is a 401 and nothing is written); then the receipts are
 * validated and handed to the receipt intake, which queues them, and the answer is {@code 200
 * {accepted: n}}. Receipts for unknown deliveries are accepted (the applier counts them as a metric).
 */
final class ReceiptRoutes {
    private final HttpUseCases services;
    private final Web web;
    private final ReceiptSignature signature;

    ReceiptRoutes(HttpUseCases services, Web web, ReceiptSignature signature) {
        this.services = services;
        this.web = web;
        this.signature = signature;
    }

    void register(RouteTable routes) {
        routes.post("/api/receipt", Access.PUBLIC, this::receive);
    }

    private void receive(Context ctx) {
        byte[] raw = web.bodies().bytes(ctx, web.settings().safeguards().maxReceiptBodyBytes());
        try {
            signature.verify(ctx.header(ReceiptSignature.HEADER), raw);
        } catch (ReceiptSignature.InvalidSignatureException e) {
            throw ApiProblem.of(401, "invalid-signature", "Invalid vendor signature", e.getMessage());
        }
        Bodies.requireMediaType(ctx, Bodies.JSON);
        List<Receipt> receipts = ReceiptReader.read(web.json().readTree(raw));
        services.receipts().accept(receipts);
        web.json(ctx, 200, Map.of("accepted", receipts.size()));
    }
}
