package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicInteger;

/** Small scenarios through the API that several tests need. */
final class Fixtures {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixtures() {
    }

    /** Ingests {@code n} customers of city {@code city} (fresh e-mails) and returns nothing. */
    static void customers(TestApp app, int n, String city) {
        int batch = SEQ.incrementAndGet();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"email\": \"c").append(batch).append('-').append(i)
                    .append("@example.com\", \"name\": \"Customer ").append(i).append("\", \"city\": \"").append(city)
                    .append("\"}");
        }
        TestApp.Res r = app.post("/api/customers", sb.append(']').toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Creates a segment of the customers of {@code city} with a campaign; returns the campaign id. */
    static String campaignFor(TestApp app, String city) {
        TestApp.Res r = app.post("/api/segments", "{\"name\": \"In " + city + "\", \"rules\": {\"field\": \"city\", "
                + "\"op\": \"eq\", \"value\": \"" + city + "\"}, \"campaign\": {\"name\": \"Hello " + city
                + "\", \"message\": \"Hi {{name|there}}!\"}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode campaign = r.json().get("campaign");
        return campaign.get("id").asText();
    }
}
