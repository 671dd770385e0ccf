package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static io.minicrm.application.contract.Fixtures.concurrently;
import static io.minicrm.application.contract.Fixtures.draftCampaign;
import static io.minicrm.application.contract.Fixtures.scheduledCampaign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CampaignRepository}: exact read-back, compare-and-set updates that never lose
 * a concurrent counter increment, newest-first paging, campaigns by status and scheduled ones when due.
 */
public abstract class CampaignRepositoryContract {
    private static final DeliveryCounts ONE_SENT = new DeliveryCounts(-1, 1, 0, 0, 0, 0);

    /** A fresh, empty repository. */
    protected abstract CampaignRepository newRepository();

    protected CampaignRepository repo;
    private final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());

    @BeforeEach
    void setUpRepository() {
        repo = newRepository();
    }

    private Campaign sending() {
        Campaign c = draftCampaign(ids.newId(), NOW).launch(NOW.plusSeconds(1));
        repo.insert(c);
        return c;
    }

    @Test
    void insert_thenFind_readsBackEqual() {
        Campaign draft = draftCampaign(ids.newId(), NOW);
        Campaign scheduled = scheduledCampaign(ids.newId(), NOW, NOW.plus(Duration.ofHours(2)));
        Campaign busy = draftCampaign(ids.newId(), NOW).launch(NOW.plusSeconds(3)).audienceProgress("cust-000042", false)
                .withCounts(new DeliveryCounts(5, 4, 3, 2, 1, 7));
        Campaign done = draftCampaign(ids.newId(), NOW).launch(NOW).audienceProgress("zzz", true)
                .complete(new DeliveryCounts(0, 9, 1, 0, 2, 3), NOW.plusSeconds(90));
        for (Campaign c : List.of(draft, scheduled, busy, done)) {
            repo.insert(c);
        }
        for (Campaign c : List.of(draft, scheduled, busy, done)) {
            assertThat(repo.findById(c.id())).contains(c);
        }
        assertThat(repo.findById(CampaignId.of("nope"))).isEmpty();
        assertThat(repo.countAll()).isEqualTo(4);
    }

    @Test
    void update_appliesTheChange_emptyForAnUnknownCampaign() {
        Campaign c = draftCampaign(ids.newId(), NOW);
        repo.insert(c);

        Campaign launched = repo.update(c.id(), x -> x.launch(NOW.plusSeconds(5))).orElseThrow();

        assertThat(launched.status()).isEqualTo(CampaignStatus.SENDING);
        assertThat(repo.findById(c.id())).contains(launched);
        assertThat(repo.update(CampaignId.of("nope"), x -> x)).isEmpty();
    }

    @Test
    void update_whoseChangeThrows_propagatesAndWritesNothing() {
        Campaign c = sending();
        assertThatThrownBy(() -> repo.update(c.id(), x -> x.launch(NOW))).isInstanceOf(DomainException.class);
        assertThat(repo.findById(c.id())).contains(c);
    }

    @Test
    void addCounts_addsAtomically_andIgnoresUnknownCampaigns() {
        Campaign c = sending();
        repo.addCounts(c.id(), new DeliveryCounts(10, 0, 0, 0, 2, 0));
        repo.addCounts(c.id(), new DeliveryCounts(-3, 2, 1, 0, 0, 4));
        repo.addCounts(CampaignId.of("nope"), ONE_SENT);

        assertThat(repo.findById(c.id()).orElseThrow().counts()).isEqualTo(new DeliveryCounts(7, 2, 1, 0, 2, 4));
        assertThat(repo.findById(CampaignId.of("nope"))).isEmpty();
    }

    @Test
    void addCounts_leavesACompletedCampaignsFinalCountersAlone() {
        Campaign done = draftCampaign(ids.newId(), NOW).launch(NOW).audienceProgress("zzz", true)
                .complete(new DeliveryCounts(0, 9, 1, 0, 2, 3), NOW.plusSeconds(90));
        repo.insert(done);
        repo.addCounts(done.id(), ONE_SENT);
        assertThat(repo.findById(done.id())).contains(done);
    }

    @Test
    void concurrentAddCounts_andUpdates_loseNothing() {
        Campaign c = sending();
        int adders = 4;
        int adds = 150;
        int updaters = 2;
        int updates = 60;

        concurrently(adders + updaters, t -> {
            if (t < adders) {
                for (int i = 0; i < adds; i++) {
                    repo.addCounts(c.id(), ONE_SENT);
                }
            } else {
                for (int i = 0; i < updates; i++) {
                    String cursor = String.format("t%d-%04d", t, i);
                    // a read-modify-write of other fields, and of the counters through update
                    repo.update(c.id(), x -> x.audienceProgress(cursor, false)
                            .withCounts(x.counts().plus(new DeliveryCounts(0, 0, 0, 0, 0, 1))));
                }
            }
            return null;
        });

        DeliveryCounts counts = repo.findById(c.id()).orElseThrow().counts();
        assertThat(counts.sent()).isEqualTo((long) adders * adds);
        assertThat(counts.pending()).isEqualTo(-(long) adders * adds);
        assertThat(counts.retries()).isEqualTo((long) updaters * updates);
    }

    @Test
    void concurrentLaunches_onlyOneSucceeds() {
        Campaign c = draftCampaign(ids.newId(), NOW);
        repo.insert(c);
        List<Boolean> launched = concurrently(6, t -> {
            try {
                repo.update(c.id(), x -> x.launch(NOW));
                return true;
            } catch (DomainException e) {
                return false;
            }
        });
        assertThat(launched.stream().filter(Boolean::booleanValue)).hasSize(1);
    }

    @Test
    void list_isNewestFirst_withCursors() {
        List<CampaignId> newestFirst = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Campaign c = draftCampaign(ids.newId(), NOW);
            repo.insert(c);
            newestFirst.add(0, c.id());
        }
        List<CampaignId> seen = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 20; guard++) {
            Page<Campaign> page = repo.list(new PageRequest(cursor, 4));
            page.items().forEach(x -> seen.add(x.id()));
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aMalformedCursor_isBadInput() {
        sending();
        assertThatThrownBy(() -> repo.list(new PageRequest("%%% not a cursor %%%", 5)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void findByStatus_isOldestFirst_upToTheLimit() {
        List<CampaignId> sendingOldestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sendingOldestFirst.add(sending().id());
            repo.insert(draftCampaign(ids.newId(), NOW));
        }
        assertThat(repo.findByStatus(CampaignStatus.SENDING, 10)).extracting(Campaign::id)
                .containsExactlyElementsOf(sendingOldestFirst);
        assertThat(repo.findByStatus(CampaignStatus.SENDING, 3)).extracting(Campaign::id)
                .containsExactlyElementsOf(sendingOldestFirst.subList(0, 3));
        assertThat(repo.findByStatus(CampaignStatus.DRAFT, 10)).hasSize(5);
        assertThat(repo.findByStatus(CampaignStatus.COMPLETED, 10)).isEmpty();
    }

    @Test
    void findDue_returnsScheduledCampaignsWhoseTimeHasCome() {
        Campaign past = scheduledCampaign(ids.newId(), NOW, NOW.minusSeconds(30));
        Campaign exactlyNow = scheduledCampaign(ids.newId(), NOW, NOW.plusSeconds(60));
        Campaign later = scheduledCampaign(ids.newId(), NOW, NOW.plus(Duration.ofHours(1)));
        Campaign draft = draftCampaign(ids.newId(), NOW);
        Campaign launched = scheduledCampaign(ids.newId(), NOW, NOW.minusSeconds(20)).launch(NOW);
        for (Campaign c : List.of(past, exactlyNow, later, draft, launched)) {
            repo.insert(c);
        }

        assertThat(repo.findDue(NOW.plusSeconds(60), 10)).extracting(Campaign::id)
                .containsExactlyInAnyOrder(past.id(), exactlyNow.id());
        assertThat(repo.findDue(NOW.plusSeconds(60), 1)).extracting(Campaign::id).hasSize(1)
                .containsAnyOf(past.id(), exactlyNow.id());
        assertThat(repo.findDue(NOW.minus(Duration.ofDays(1)), 10)).isEmpty();
    }
}
