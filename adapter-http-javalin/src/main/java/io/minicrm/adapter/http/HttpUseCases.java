package io.minicrm.adapter.http;

import io.minicrm.application.ai.AiService;
import io.minicrm.application.auth.SignIn;
import io.minicrm.application.campaign.CampaignActivity;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.cluster.InstanceOverview;
import io.minicrm.application.customer.CustomerQueries;
import io.minicrm.application.customer.IngestCustomers;
import io.minicrm.application.delivery.ReceiptIntake;
import io.minicrm.application.ingest.IngestionService;
import io.minicrm.application.ops.CrmOverview;
import io.minicrm.application.ops.QueueHealth;
import io.minicrm.application.order.IngestOrders;
import io.minicrm.application.order.OrderQueries;
import io.minicrm.application.order.OrderReconciler;
import io.minicrm.application.segment.CreateSegmentWithCampaign;
import io.minicrm.application.segment.SegmentService;
import java.util.Objects;

/**
 * The use cases the REST API's routes call, and nothing else: no ports, no service locator. Whoever
 * assembles the application (bootstrap's {@code MiniCrm}) builds them and hands them over.
 */
public record HttpUseCases(
        SignIn signIn,
        IngestCustomers ingestCustomers,
        IngestOrders ingestOrders,
        IngestionService ingestion,
        CustomerQueries customers,
        OrderQueries orders,
        OrderReconciler orderReconciler,
        SegmentService segments,
        CreateSegmentWithCampaign segmentWithCampaign,
        CampaignService campaigns,
        CampaignActivity campaignActivity,
        ReceiptIntake receipts,
        AiService ai,
        QueueHealth queueHealth,
        CrmOverview overview,
        InstanceOverview instances) {
    public HttpUseCases {
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(ingestCustomers, "ingestCustomers");
        Objects.requireNonNull(ingestOrders, "ingestOrders");
        Objects.requireNonNull(ingestion, "ingestion");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(orderReconciler, "orderReconciler");
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(segmentWithCampaign, "segmentWithCampaign");
        Objects.requireNonNull(campaigns, "campaigns");
        Objects.requireNonNull(campaignActivity, "campaignActivity");
        Objects.requireNonNull(receipts, "receipts");
        Objects.requireNonNull(ai, "ai");
        Objects.requireNonNull(queueHealth, "queueHealth");
        Objects.requireNonNull(overview, "overview");
        Objects.requireNonNull(instances, "instances");
    }
}
