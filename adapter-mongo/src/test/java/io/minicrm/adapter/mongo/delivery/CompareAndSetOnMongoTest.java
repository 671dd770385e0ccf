package io.minicrm.adapter.mongo.delivery;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.Fixtures;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compareAndSetAll} reports exactly the rows it wrote, also when part of a batch loses to other
 * writers and the rows are changed again before it reads them back: several threads keep advancing the
 * same rows in overlapping batches; every version of every row must be claimed by exactly one writer.
 */
class CompareAndSetOnMongoTest {
    private static final CampaignId CAMPAIGN = CampaignId.of("cas");
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private TestMongo.Store db;
    private DeliveryLogRepository repo;

    @BeforeEach
    void setUp() {
        db = TestMongo.newStore();
        repo = db.store().deliveries();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void underContention_everyWrittenVersionIsReportedByExactlyOneWriter() {
        List<Delivery> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(Delivery.pending(CAMPAIGN, CustomerId.of("c" + i), T0));
        }
        repo.insertAll(rows);
        int writers = 4;
        int rounds = 30;
        // each writer records (row, version) pairs it was told it wrote
        List<List<String>> claims = Fixtures.concurrently(writers, t -> {
            Random random = new Random(t);
            List<String> mine = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                List<DeliveryId> ids = new ArrayList<>(rows.stream().map(Delivery::id).toList());
                Collections.shuffle(ids, random);
                List<DeliveryId> batch = ids.subList(0, 10 + random.nextInt(20));
                Map<DeliveryId, Delivery> current = repo.findByIds(batch);
                List<Delivery> next = new ArrayList<>();
                for (Delivery d : current.values()) {
                    // any transition bumps the version; release() keeps the row pending forever
                    next.add(d.released(T0.plusMillis(random.nextInt(1000))));
                }
                Set<DeliveryId> written = repo.compareAndSetAll(next);
                for (Delivery d : next) {
                    if (written.contains(d.id())) {
                        mine.add(d.id().value() + "@" + d.version());
                    }
                }
            }
            return mine;
        });
        List<String> all = new ArrayList<>();
        claims.forEach(all::addAll);
        assertThat(all).as("no version claimed twice").doesNotHaveDuplicates();
        long written = 0;
        for (Delivery d : rows) {
            long version = repo.findById(d.id()).orElseThrow().version();
            written += version;
            for (long v = 1; v <= version; v++) {
                assertThat(all).as("version %d of %s", v, d.id()).contains(d.id().value() + "@" + v);
            }
        }
        assertThat(all).hasSize((int) written);
    }

    @Test
    void writeMarks_keepOnlyTheRecentVersions() {
        Delivery d = Delivery.pending(CAMPAIGN, CustomerId.of("marks"), T0);
        repo.insertAll(List.of(d));
        Delivery current = d;
        int versions = MongoDeliveryLogRepository.KEPT_MARKS + 6;
        for (int i = 0; i < versions; i++) {
            current = current.released(T0.plus(Duration.ofSeconds(i)));
            assertThat(repo.compareAndSetAll(List.of(current))).containsExactly(current.id());
        }
        BsonDocument stored = db.store().database().getCollection("deliveries", BsonDocument.class)
                .find(new BsonDocument("_id", new org.bson.BsonString(d.id().value()))).first();
        List<String> expected = new ArrayList<>();
        for (int v = versions - MongoDeliveryLogRepository.KEPT_MARKS + 1; v <= versions; v++) {
            expected.add("v" + v);
        }
        assertThat(stored.getDocument("writes").keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(repo.findById(d.id())).contains(current);
    }
}
