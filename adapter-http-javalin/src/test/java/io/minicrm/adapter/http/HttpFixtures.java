package io.minicrm.adapter.http;

import io.minicrm.application.testing.CrmServices;

/** The HTTP API's use cases, taken from the application's test assembly. */
public final class HttpFixtures {
    private HttpFixtures() {
    }

    public static HttpUseCases useCases(CrmServices s) {
        return new HttpUseCases(s.signIn(), s.ingestCustomers(), s.ingestOrders(), s.ingestion(), s.customers(),
                s.orders(), s.orderReconciler(), s.segments(), s.segmentWithCampaign(), s.campaigns(),
                s.campaignActivity(), s.receipts(), s.ai(), s.queueHealth(), s.overview(), s.instances());
    }
}
