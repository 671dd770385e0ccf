package io.minicrm.application.campaign;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.Rows;
import io.minicrm.application.testing.Stores;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.NotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Awaiting a campaign: a future that completes when it finishes, here or on another instance; status listeners. */
class CampaignWatchTest {

    private static Segment everyone(Crm crm, int customers) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            rows.add(map("email", "c" + i + "@example.com", "name", "Customer " + i));
        }
        crm.services.ingestCustomers().ingest(Rows.customers(rows));
        return crm.services.segments().create(SegmentService.NewSegment.of("All", DslParser.parse("email exists")));
    }

    private static CampaignService.NewCampaign.Builder campaign(Segment s) {
        return CampaignService.NewCampaign.builder().name("Hello").segment(s.id()).message("Hi {{name}}");
    }

    @Test
    void finished_completesWithTheCampaign_whenThisInstanceCompletesIt() throws Exception {
        try (Crm crm = Crm.builder().vendorSettings(Crm.vendorSettings(1.0, 0)).build().start()) {
            Segment s = everyone(crm, 30);
            List<CampaignStatus> heard = Collections.synchronizedList(new ArrayList<>());
            crm.services.watch().addListener(c -> heard.add(c.status()));

            Campaign c = crm.services.campaigns().create(campaign(s).sendNow().build());
            Campaign done = crm.services.watch().finished(c.id()).get(30, TimeUnit.SECONDS);

            assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(done.counts().sent()).isEqualTo(30);
            assertThat(heard).containsExactly(CampaignStatus.SENDING, CampaignStatus.COMPLETED);
        }
    }

    @Test
    void finished_completes_whenAnotherInstanceOnTheSameStoreFinishesTheCampaign() throws Exception {
        Stores shared = Stores.fresh();
        try (Crm here = Crm.builder().stores(shared).build(); Crm there = Crm.builder().stores(shared).build()) {
            Segment s = everyone(here, 3);
            Campaign c = here.services.campaigns().create(campaign(s).build());
            CompletableFuture<Campaign> awaited = here.services.watch().finished(c.id());
            assertThat(awaited).isNotDone();

            there.services.campaigns().cancel(c.id()); // this instance hears nothing of it: only the store knows

            assertThat(awaited.get(5, TimeUnit.SECONDS).status()).isEqualTo(CampaignStatus.CANCELLED);
        }
    }

    @Test
    void finished_ofAFinishedCampaign_isDoneAtOnce_andOfAnUnknownOne_isNotFound() {
        try (Crm crm = Crm.builder().build()) {
            Segment s = everyone(crm, 2);
            Campaign c = crm.services.campaigns().create(campaign(s).build());
            crm.services.campaigns().cancel(c.id());

            assertThat(crm.services.watch().finished(c.id())).isCompletedWithValueMatching(
                    x -> x.status() == CampaignStatus.CANCELLED);
            assertThatThrownBy(() -> crm.services.watch().finished(CampaignId.of("nope")))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void closing_cancelsEveryWait_andOneCallersCancelEndsOnlyItsOwnWait() {
        Crm crm = Crm.builder().build();
        Segment s = everyone(crm, 2);
        Campaign c = crm.services.campaigns().create(campaign(s).build());
        CompletableFuture<Campaign> first = crm.services.watch().finished(c.id());
        CompletableFuture<Campaign> second = crm.services.watch().finished(c.id());

        first.cancel(false);
        assertThat(second).isNotDone();

        crm.close();
        assertThatThrownBy(() -> second.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CancellationException.class);
    }
}
