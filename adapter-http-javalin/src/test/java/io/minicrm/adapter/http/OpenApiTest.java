package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names exactly the routes Javalin has registered, and /docs works without a CDN. */
class OpenApiTest {
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static TestApp app;
    static JsonNode doc;

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
        TestApp.Res r = app.anonymous("GET", "/openapi.json").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        doc = r.json();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theDocumentNamesExactlyTheRegisteredRoutes() {
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Iterator<String> ops = path.getValue().fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (METHODS.contains(op)) {
                    documented.add(op.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        Set<String> registered = new TreeSet<>();
        app.api.routes().forEach(r -> registered.add(r.method() + " " + r.path()));
        assertThat(registered).hasSizeGreaterThan(30);
        assertThat(documented).as("documented but not registered / registered but not documented")
                .isEqualTo(registered);
    }

    @Test
    void theDocumentIsOpenApi31_everyOperationAnswersSomething_andEveryReferenceResolves() {
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        List<String> missing = new ArrayList<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey()) && (op.getValue().get("responses") == null
                    || op.getValue().get("responses").isEmpty() || op.getValue().get("summary") == null)) {
                missing.add(op.getKey() + " " + p.getKey());
            }
        }));
        assertThat(missing).isEmpty();
        Matcher refs = Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(doc.toString());
        List<String> unresolved = new ArrayList<>();
        while (refs.find()) {
            JsonNode target = doc.at("/" + refs.group(1));
            if (target.isMissingNode()) {
                unresolved.add(refs.group(1));
            }
        }
        assertThat(unresolved).isEmpty();
    }

    @Test
    void docs_isASwaggerUiPage_whoseAssetsAreServedHere() {
        TestApp.Res page = app.anonymous("GET", "/docs").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/openapi.json").doesNotContain("https://").doesNotContain("http://");
        Matcher assets = Pattern.compile("(?:src|href)=\"(/webjars/[^\"]+)\"").matcher(page.body());
        int found = 0;
        while (assets.find()) {
            TestApp.Res asset = app.anonymous("GET", assets.group(1)).send();
            assertThat(asset.status()).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.body().length()).isGreaterThan(1000);
            found++;
        }
        assertThat(found).isEqualTo(3);
    }
}
