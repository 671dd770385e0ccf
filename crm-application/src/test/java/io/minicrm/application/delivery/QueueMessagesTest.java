package io.minicrm.application.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.testing.Crm;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dispatch jobs and receipts as queue messages; malformed ones fail alone (and end as dead letters). */
class QueueMessagesTest {
    private final Crm crm = Crm.builder().build();

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void aDispatchJob_roundTripsThroughAQueueMessage_inBatchesOfAtMostTheGivenSize() {
        CampaignId campaign = CampaignId.of("camp");
        List<Delivery> rows = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> Delivery.pending(campaign, CustomerId.of("c" + i), Instant.EPOCH)).toList();

        List<DispatchJob> jobs = DispatchJob.split(campaign, rows, 3);

        assertThat(jobs).hasSize(3);
        assertThat(jobs.get(2).rows()).hasSize(1);
        for (DispatchJob j : jobs) {
            assertThat(DispatchJob.from(j.toMessage())).isEqualTo(j);
        }
        assertThatThrownBy(() -> DispatchJob.from(new QueueMessage(Map.of("rows", "x:1")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DispatchJob.from(new QueueMessage(Map.of("campaignId", "camp", "rows", "nocolon"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DispatchJob.from(new QueueMessage(Map.of("campaignId", "camp", "rows", "abc:x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedDispatchJobsAndReceipts_failAlone() throws Exception {
        WorkQueue.Outcome dispatch = crm.services.dispatchWorker().handle(List.of(
                new WorkQueue.Delivered("1", new QueueMessage(Map.of("campaignId", "camp", "rows", "bad")), 1),
                new WorkQueue.Delivered("2", new QueueMessage(Map.of("campaignId", "camp",
                        "rows", DeliveryId.of(CampaignId.of("camp"), CustomerId.of("c1")).value() + ":1")), 1)));
        assertThat(dispatch.failed()).containsOnlyKeys("1");

        WorkQueue.Outcome receipts = crm.services.receiptApplier().handle(List.of(
                new WorkQueue.Delivered("1", new QueueMessage(Map.of("deliveryId", "x", "outcome", "MAYBE")), 1),
                new WorkQueue.Delivered("2", new QueueMessage(Map.of("deliveryId", "abc", "outcome", "SENT",
                        "occurredAt", "2025-01-01T00:00:00Z", "attempt", "1")), 1)));
        assertThat(receipts.failed()).containsOnlyKeys("1");
        assertThat(crm.metrics.total("crm.receipts.unknown")).isEqualTo(1);
    }
}
