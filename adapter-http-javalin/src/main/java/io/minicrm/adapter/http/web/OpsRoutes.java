package io.minicrm.adapter.http.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.http.Context;
import io.minicrm.adapter.http.HttpHooks;
import io.minicrm.adapter.http.problem.ApiProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations and documentation: liveness, readiness (503 when a check fails or the server is
 * stopping), Prometheus metrics (for operators or the metrics token; public only by the operator's explicit
 * choice), the OpenAPI 3.1 document (hand-written YAML, served as JSON) and a Swagger UI page whose assets
 * come from the swagger-ui webjar on this server (no CDN).
 */
final class OpsRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);
    static final String OPENAPI_RESOURCE = "/io/minicrm/adapter/http/openapi.yaml";

    private final Web web;
    private final HttpHooks hooks;
    private final BooleanSupplier stopping;
    private final byte[] openApiJson;
    private final String docsPage;

    OpsRoutes(Web web, HttpHooks hooks, BooleanSupplier stopping) {
        this.web = web;
        this.hooks = hooks;
        this.stopping = stopping;
        this.openApiJson = web.json().write(openApi());
        this.docsPage = docsPage(swaggerUiVersion());
    }

    void register(RouteTable routes) {
        routes.get("/health", Access.PUBLIC, ctx -> web.json(ctx, 200, Map.of("status", "ok")));
        routes.get("/ready", Access.PUBLIC, this::ready);
        routes.get("/metrics", web.settings().safeguards().publicMetrics() ? Access.PUBLIC : Access.METRICS, ctx ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(hooks.metrics().get()));
        routes.get("/openapi.json", Access.PUBLIC, ctx -> ctx.contentType("application/json").result(openApiJson));
        routes.get("/docs", Access.PUBLIC, ctx -> ctx.html(docsPage));
        routes.get("/api/admin/backup", Access.OPERATOR, this::backup);
    }

    /** A snapshot of the embedded store, streamed (operators only). */
    private void backup(Context ctx) throws IOException {
        if (hooks.backup() == null) {
            throw ApiProblem.of(404, "no-backup", "No backup here",
                    "this server's store is MongoDB (MONGO_URI): back it up with MongoDB's own tools");
        }
        ctx.status(200).contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"minicrm-backup.mv\"");
        hooks.backup().writeTo(ctx.outputStream());
    }

    private void ready(Context ctx) {
        Map<String, Boolean> checks = new TreeMap<>();
        try {
            checks.putAll(hooks.readiness().get());
        } catch (RuntimeException e) {
            LOG.warn("readiness checks failed: {}", e.toString());
            checks.put("checks", false);
        }
        checks.put("http", !stopping.getAsBoolean());
        boolean ready = checks.values().stream().allMatch(Boolean.TRUE::equals);
        if (!ready) {
            throw ApiProblem.of(503, "not-ready", "Not ready", "a readiness check failed")
                    .withExtension("checks", checks).withHeader("Retry-After", "5");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("checks", checks);
        web.json(ctx, 200, body);
    }

    /** The OpenAPI document as a tree. */
    static JsonNode openApi() {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + OPENAPI_RESOURCE);
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String swaggerUiVersion() {
        try (InputStream in = OpsRoutes.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version");
            if (v == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String docsPage(String version) {
        String base = "/webjars/swagger-ui/" + version + "/";
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>Mini CRM API</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + base + "swagger-ui.css\">\n</head>\n<body>\n"
                + "<div id=\"swagger-ui\"></div>\n"
                + "<script src=\"" + base + "swagger-ui-bundle.js\"></script>\n"
                + "<script src=\"" + base + "swagger-ui-standalone-preset.js\"></script>\n"
                + "<script>\nwindow.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true,\n"
                + "  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout'});\n"
                + "</script>\n</body>\n</html>\n";
    }
}
