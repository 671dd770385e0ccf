package io.minicrm.application.customer;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.support.BulkResult;
import io.minicrm.application.support.RowError;
import io.minicrm.application.testing.Crm;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestCustomersTest {
    private final Crm crm = Crm.builder().build();
    private final IngestCustomers ingest = crm.services.ingestCustomers();

    @AfterEach
    void close() {
        crm.close();
    }

    private Customer byEmail(String email) {
        return crm.stores.customers().findByEmail(Email.of(email)).orElseThrow();
    }

    @Test
    void everyBadRowIsReportedByIndex_withEveryProblem_andTheGoodRowsAreWritten() {
        List<Object> rows = List.of(
                map("email", "ann@example.com", "name", "Ann", "visits", 3),
                map("email", "not-an-email", "visits", -1),
                map("email", "bob@example.com", "tags", List.of("vip")),
                map("name", "no e-mail", "shoeSize", 44),
                "not even an object",
                map("email", "cy@example.com", "attributes", map("plan", "gold")));

        BulkResult r = ingest.ingest(Rows.customers(rows));

        assertThat(r.accepted()).isEqualTo(3);
        assertThat(r.inserted()).isEqualTo(3);
        assertThat(r.rejected()).extracting(RowError::index).containsExactly(1, 3, 4);
        assertThat(r.rejected().get(0).errors()).extracting(Problem::path).containsExactlyInAnyOrder("/email", "/visits");
        assertThat(r.rejected().get(1).errors()).extracting(Problem::path).contains("/email", "/shoeSize");
        assertThat(r.ids()).hasSize(6);
        assertThat(r.ids().get(1)).isNull();
        assertThat(r.ids().get(3)).isNull();
        assertThat(r.ids().get(0)).isEqualTo(byEmail("ann@example.com").id().value());
        assertThat(crm.stores.customers().countAll()).isEqualTo(3);
        assertThat(byEmail("cy@example.com").attributes().get("plan")).isNotNull();
        assertThat(crm.metrics.total("crm.ingest.rows")).isEqualTo(6);
    }

    @Test
    void rowsForOneEmailInOneRequest_areAppliedInOrder() {
        BulkResult r = ingest.ingest(Rows.customers(List.of(
                map("email", "ann@example.com", "name", "First", "city", "Pune"),
                map("email", "bob@example.com"),
                map("email", "ANN@example.com", "name", "Second"),
                map("email", "ann@example.com", "visits", 9))));

        Customer ann = byEmail("ann@example.com");
        assertThat(ann.name()).isEqualTo("Second");
        assertThat(ann.city()).isEqualTo("Pune");
        assertThat(ann.visits()).isEqualTo(9);
        assertThat(r.inserted()).isEqualTo(2);
        assertThat(r.updated()).isEqualTo(2);
        assertThat(r.ids().get(0)).isEqualTo(r.ids().get(2)).isEqualTo(r.ids().get(3)).isEqualTo(ann.id().value());
        assertThat(crm.stores.customers().countAll()).isEqualTo(2);
    }

    @Test
    void ingestingTheSameRowsAgain_changesNothing() {
        List<Object> rows = List.of(map("email", "ann@example.com", "name", "Ann", "tags", List.of("VIP")),
                map("email", "bob@example.com", "optedOut", true));
        ingest.ingest(Rows.customers(rows));
        Customer before = byEmail("ann@example.com");

        BulkResult again = ingest.ingest(Rows.customers(rows));

        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.inserted() + again.updated()).isZero();
        assertThat(byEmail("ann@example.com")).isEqualTo(before);
    }

    @Test
    void anEmptyOrOversizedRequest_isRejectedAsAWhole() {
        assertThatThrownBy(() -> ingest.ingest(Rows.customers(List.of()))).isInstanceOf(ValidationException.class);
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i <= IngestCustomers.MAX_ROWS; i++) {
            tooMany.add(Map.of("email", "x" + i + "@example.com"));
        }
        assertThatThrownBy(() -> ingest.ingest(Rows.customers(tooMany))).isInstanceOf(ValidationException.class)
                .hasMessageContaining(Integer.toString(IngestCustomers.MAX_ROWS));
        assertThat(crm.stores.customers().countAll()).isZero();
    }

    @Test
    void aLargeRequest_isWrittenInChunks_andListedNewestFirst() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            rows.add(Map.of("email", "bulk" + i + "@example.com", "visits", i));
        }
        BulkResult r = ingest.ingest(Rows.customers(rows));

        assertThat(r.inserted()).isEqualTo(2500);
        assertThat(crm.services.customers().count()).isEqualTo(2500);
        List<Customer> firstPage = crm.services.customers().list(PageRequest.first(3)).items();
        assertThat(firstPage).extracting(Customer::visits).containsExactly(2499L, 2498L, 2497L);
        assertThat(crm.services.customers().get(firstPage.get(0).id())).isEqualTo(firstPage.get(0));
    }
}
