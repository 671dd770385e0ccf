package io.minicrm.application.campaign;

import io.minicrm.application.cluster.LeaseArbiter;
import io.minicrm.application.delivery.AudienceWriter;
import io.minicrm.domain.campaign.Campaign;
import java.util.function.BooleanSupplier;

/**
 * Job: writes the delivery rows of a sending campaign (through {@link AudienceWriter}, which also queues the
 * dispatch jobs that {@link io.minicrm.application.delivery.DispatchWorker} sends). One instance writes a
 * campaign at a time, under the lease {@code audience:<campaign id>}; the writer checks the lease before each
 * page, so an instance that lost it stops, and when the holder dies another instance takes the lease over
 * (see {@link LeaseArbiter}) and resumes from the saved cursor.
 */
final class WriteAudiences {
    private final LeaseArbiter leases;
    private final AudienceWriter writer;
    private final BooleanSupplier stopping;
    private final BooleanSupplier crashed;

    /**
     * @param stopping true while the scheduler shuts down: stop after the current page
     * @param crashed  true once the scheduler stopped as a crash would: keep the lease (others take it over)
     */
    WriteAudiences(LeaseArbiter leases, AudienceWriter writer, BooleanSupplier stopping, BooleanSupplier crashed) {
        this.leases = leases;
        this.writer = writer;
        this.stopping = stopping;
        this.crashed = crashed;
    }

    /** Writes the campaign's remaining rows if this instance gets its lease; nothing when another holds it. */
    void write(Campaign campaign) {
        String lease = "audience:" + campaign.id().value();
        if (!leases.acquire(lease)) {
            return;
        }
        try {
            writer.run(campaign, () -> !stopping.getAsBoolean() && leases.acquire(lease));
        } finally {
            if (!crashed.getAsBoolean()) {
                leases.release(lease);
            }
        }
    }
}
