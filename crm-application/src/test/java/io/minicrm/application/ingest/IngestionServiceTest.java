package io.minicrm.application.ingest;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.delivery.Topics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.support.RowError;
import io.minicrm.application.testing.Crm;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.shared.NotFoundException;
import io.minicrm.domain.shared.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestionServiceTest {
    private final Crm crm = Crm.builder().build();
    private final IngestionService ingestion = crm.services.ingestion();

    @AfterEach
    void close() {
        crm.close();
    }

    private Customer byEmail(String email) {
        return crm.stores.customers().findByEmail(Email.of(email)).orElseThrow();
    }

    private Ingestion awaitDone(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> ingestion.get(id).isDone());
        return ingestion.get(id);
    }

    @Test
    void recentIngestions_areListedNewestFirst_withTheirProgress() {
        IngestionService.Submitted first = ingestion.submit(Ingestion.Kind.CUSTOMERS,
                List.of(map("email", "r1@example.com"), map("email", "broken")), false);
        IngestionService.Submitted second = ingestion.submit(Ingestion.Kind.ORDERS,
                List.of(map("customerEmail", "r1@example.com", "amount", 5)), false);

        assertThat(ingestion.recent(10)).extracting(Ingestion::id).containsExactly(second.id(), first.id());
        assertThat(ingestion.recent(1)).extracting(Ingestion::id).containsExactly(second.id());
        assertThat(ingestion.recent(10).get(1).rejectedCount()).isEqualTo(1);
        assertThat(ingestion.recent(10)).extracting(Ingestion::status).containsOnly("queued");
        crm.start();
        awaitDone(first.id());
        assertThat(ingestion.recent(10).get(1).status()).isEqualTo("done");
        assertThatThrownBy(() -> ingestion.recent(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queuedCustomers_areValidatedAtOnce_writtenByTheConsumers_andTracked() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 1_203; i++) {
            rows.add(i == 7 || i == 1_100 ? map("email", "broken-" + i) : map("email", "q" + i + "@example.com", "visits", i));
        }
        IngestionService.Submitted s = ingestion.submit(Ingestion.Kind.CUSTOMERS, rows, false);

        assertThat(s.accepted()).isEqualTo(1_201);
        assertThat(s.rejected()).extracting(RowError::index).containsExactly(7, 1_100);
        assertThat(ingestion.get(s.id()).status()).isEqualTo("queued");
        assertThat(ingestion.get(s.id()).batches()).isEqualTo(3);

        crm.start();
        Ingestion done = awaitDone(s.id());

        assertThat(done.status()).isEqualTo("done");
        assertThat(done.written()).isEqualTo(1_201);
        assertThat(done.rejectedCount()).isEqualTo(2);
        assertThat(crm.stores.customers().countAll()).isEqualTo(1_201);
        assertThat(byEmail("q1202@example.com").visits()).isEqualTo(1_202);
    }

    @Test
    void csvRows_areCoercedFromText() {
        IngestionService.Submitted s = ingestion.submit(Ingestion.Kind.CUSTOMERS,
                List.of(map("email", "csv@example.com", "visits", "12", "optedOut", "true", "name", "")), true);
        crm.start();
        awaitDone(s.id());

        Customer c = byEmail("csv@example.com");
        assertThat(c.visits()).isEqualTo(12);
        assertThat(c.optedOut()).isTrue();
    }

    @Test
    void aBatchDeliveredTwice_writesAndCountsOnce_evenForOrdersWithoutIds() throws Exception {
        crm.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "ann@example.com"))));
        List<Object> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            orders.add(map("customerEmail", "ann@example.com", "amount", 10)); // no order id
        }
        orders.add(map("customerEmail", "nobody@example.com", "amount", 10, "orderId", "x-1"));
        IngestionService.Submitted s = ingestion.submit(Ingestion.Kind.ORDERS, orders, false);
        assertThat(s.accepted()).isEqualTo(11);

        // an at-least-once consumer: every batch handled twice
        AtomicInteger handled = new AtomicInteger();
        crm.queue.subscribe(Topics.INGEST, Topics.INGESTERS, WorkQueue.ConsumerSettings.defaults(), batch -> {
            ingestion.handle(batch);
            handled.addAndGet(batch.size());
            return ingestion.handle(batch);
        });
        Ingestion done = awaitDone(s.id());

        assertThat(handled.get()).isEqualTo(1);
        assertThat(done.written()).isEqualTo(10);
        assertThat(done.rejectedCount()).isEqualTo(1);
        assertThat(done.rejected()).singleElement().satisfies(e -> {
            assertThat(e.index()).isEqualTo(10);
            assertThat(e.errors().get(0).path()).isEqualTo("/customerEmail");
        });
        assertThat(byEmail("ann@example.com").orderCount()).isEqualTo(10);
        assertThat(crm.stores.orders().countAll()).isEqualTo(10);
    }

    @Test
    void aMalformedMessage_isReportedAsFailed_theOthersSucceed() throws Exception {
        WorkQueue.Outcome outcome = ingestion.handle(List.of(
                new WorkQueue.Delivered("1", new QueueMessage(Map.of("kind", "CUSTOMERS")), 1),
                new WorkQueue.Delivered("2", new QueueMessage(Map.of("ingestionId", "x", "kind", "CUSTOMERS", "batch", "0",
                        "fromText", "false", "indexes", "0", "rows", "bm90IGEgdHJlZQ==")), 1)));

        assertThat(outcome.failed()).containsOnlyKeys("1", "2");
    }

    @Test
    void badRequests_andUnknownIngestions_areRejected() {
        assertThatThrownBy(() -> ingestion.submit(Ingestion.Kind.CUSTOMERS, List.of(), false))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ingestion.get("nope")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSubmissionWithOnlyBadRows_isDoneAtOnce() {
        IngestionService.Submitted s = ingestion.submit(Ingestion.Kind.CUSTOMERS, List.of(map("email", "bad")), false);
        assertThat(s.accepted()).isZero();
        Ingestion i = ingestion.get(s.id());
        assertThat(i.isDone()).isTrue();
        assertThat(i.rejectedCount()).isEqualTo(1);
    }
}
