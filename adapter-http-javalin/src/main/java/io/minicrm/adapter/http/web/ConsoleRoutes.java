package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The web console: {@code GET /} answers its page; its scripts and styles are static files under
 * {@value #HOSTED_PATH} (from {@value #ASSETS} on the classpath), and its chart library comes from the uPlot
 * webjar on this server. The console calls only the public API, with the caller's own credentials.
 */
public final class ConsoleRoutes {
    /** Where the console's files are on the classpath. */
    public static final String ASSETS = "/io/minicrm/adapter/http/console";
    /** Where they are served. */
    public static final String HOSTED_PATH = "/console";

    private final byte[] page;

    ConsoleRoutes() {
        String html = read(ASSETS + "/index.html");
        this.page = html.replace("%UPLOT%", "/webjars/uplot/" + webjarVersion("org.webjars.npm", "uplot") + "/dist/")
                .getBytes(StandardCharsets.UTF_8);
    }

    void register(RouteTable routes) {
        routes.get("/", Access.PUBLIC, this::page);
    }

    private void page(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self' https://accounts.google.com/gsi/client; "
                + "frame-src https://accounts.google.com/gsi/; connect-src 'self' https://accounts.google.com/gsi/; "
                + "style-src 'self' 'unsafe-inline' https://accounts.google.com/gsi/style; img-src 'self' data:; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static String read(String resource) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String webjarVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(resource)) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version");
            if (v == null) {
                throw new IllegalStateException("the " + artifact + " webjar is not on the classpath");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
