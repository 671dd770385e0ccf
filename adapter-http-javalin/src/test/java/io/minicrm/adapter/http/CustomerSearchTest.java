package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/customers?q=}: e-mail or name contains the text, newest first, paged. */
class CustomerSearchTest {
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"email\": \"shopper").append(i).append("@example.com\", \"name\": \"Shopper ")
                    .append(i).append("\"}");
        }
        rows.append(",{\"email\": \"zoe@elsewhere.org\", \"name\": \"Zoë Ångström\"}")
                .append(",{\"email\": \"ada@elsewhere.org\", \"name\": \"Ada Lovelace\"}]");
        assertThat(app.post("/api/customers", rows.toString()).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static List<String> emails(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.forEach(c -> out.add(c.get("email").asText()));
        return out;
    }

    @Test
    void search_matchesEmailOrName_ignoringCase() {
        assertThat(emails(app.get("/api/customers?q=ELSEWHERE").json()))
                .containsExactlyInAnyOrder("zoe@elsewhere.org", "ada@elsewhere.org");
        assertThat(emails(app.get("/api/customers?q=lovelace").json())).containsExactly("ada@elsewhere.org");
        assertThat(emails(app.get("/api/customers?q=%C3%A5NGstr%C3%B6m").json())).containsExactly("zoe@elsewhere.org");
        assertThat(emails(app.get("/api/customers?q=nobody").json())).isEmpty();
    }

    @Test
    void search_isLiteralText_notAPattern() {
        assertThat(emails(app.get("/api/customers?q=.*").json())).isEmpty();
        assertThat(app.get("/api/customers?q=%5B").status()).isEqualTo(200);
    }

    @Test
    void search_pagesThroughEveryMatch_onceEach() {
        List<String> seen = new ArrayList<>();
        String path = "/api/customers?q=shopper&limit=7";
        int pages = 0;
        while (path != null) {
            TestApp.Res r = app.get(path);
            assertThat(r.status()).isEqualTo(200);
            seen.addAll(emails(r.json()));
            String link = r.header("Link");
            path = link == null ? null : link.substring(1, link.indexOf('>'));
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(30).doesNotHaveDuplicates().allMatch(e -> e.startsWith("shopper"));
        assertThat(seen.get(0)).isEqualTo("shopper29@example.com");
    }

    @Test
    void anEmptySearch_isTheWholeList_andATooLongOneIsA400() {
        assertThat(app.get("/api/customers?q=&limit=1000").json()).hasSize(32);
        TestApp.Res r = app.get("/api/customers?q=" + "x".repeat(257));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("path").asText()).isEqualTo("?q");
    }
}
