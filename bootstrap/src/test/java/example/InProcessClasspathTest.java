package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The in-process embedding needs crm-domain, crm-application and bootstrap, and nothing else: their poms declare no
 * other dependency an application would inherit (everything else is optional or for tests), and the README's
 * in-process example runs in a class loader holding only those three (taken from this test's classpath) and the
 * JDK, where no HTTP server, MongoDB driver, Redis client, OpenAI client, SLF4J or logback class can be loaded.
 */
class InProcessClasspathTest {
    private static final List<String> EMBEDDING = List.of("crm-domain", "crm-application", "bootstrap");
    private static final List<String> ABSENT = List.of("org.eclipse.jetty.server.Server", "io.javalin.Javalin",
            "com.mongodb.client.MongoClient", "org.bson.Document", "de.bwaldvogel.mongo.MongoServer",
            "redis.clients.jedis.Jedis", "com.theokanning.openai.client.OpenAiApi", "retrofit2.Retrofit",
            "com.fasterxml.jackson.databind.ObjectMapper", "org.slf4j.LoggerFactory", "ch.qos.logback.classic.Logger",
            "io.micrometer.core.instrument.MeterRegistry", "io.minicrm.adapter.http.HttpApi",
            "io.minicrm.adapter.mongo.MongoStore");

    @Test
    void thePoms_giveAnEmbeddingApplicationOnlyTheDomainAndTheApplication() throws Exception {
        assertThat(inherited("bootstrap")).containsExactly("io.minicrm:crm-application");
        assertThat(inherited("crm-application")).containsExactly("io.minicrm:crm-domain");
        assertThat(inherited("crm-domain")).isEmpty();
    }

    @Test
    void theInProcessExample_runsWithOnlyTheThreeJars_andNoAdapterOrServerClassIsThere() throws Exception {
        try (URLClassLoader isolated = isolatedLoader()) {
            for (String name : ABSENT) {
                assertThatThrownBy(() -> Class.forName(name, false, isolated)).as(name)
                        .isInstanceOf(ClassNotFoundException.class);
            }
            Class<?> example = isolated.loadClass("example.InProcessExample");
            assertThat(example.getClassLoader()).isSameAs(isolated);
            assertThat(isolated.loadClass("io.minicrm.bootstrap.MiniCrm").getClassLoader())
                    .as("the CRM comes from the isolated jars, not from this test's classpath").isSameAs(isolated);
            String printed = LibraryExamplesTest.printed(() -> run(isolated, () -> {
                Method main = example.getMethod("main", String[].class);
                return main.invoke(null, (Object) new String[0]);
            }));
            assertThat(printed).contains("COMPLETED");
        }
    }

    @Test
    void choosingAnAdapterThatIsNotThere_failsTheBuild_namingTheArtifactToAdd() throws Exception {
        try (URLClassLoader isolated = isolatedLoader()) {
            for (String[] choice : List.of(new String[] {"redis", "redis://localhost:6379", "adapter-redis"},
                    new String[] {"mongo", "mongodb://localhost:27017", "adapter-mongo"},
                    new String[] {"openAi", "sk-test", "adapter-openai"})) {
                Throwable failure = catching(() -> run(isolated, () -> {
                    Class<?> crm = isolated.loadClass("io.minicrm.bootstrap.MiniCrm");
                    Object builder = crm.getMethod("builder").invoke(null);
                    builder.getClass().getMethod(choice[0], String.class).invoke(builder, choice[1]);
                    return builder.getClass().getMethod("build").invoke(builder);
                }));
                assertThat(failure).as(choice[0]).hasMessageContaining("io.minicrm:" + choice[2])
                        .extracting(t -> t.getClass().getSimpleName()).isEqualTo("ConfigException");
            }
            Throwable http = catching(() -> run(isolated, () -> {
                Class<?> crm = isolated.loadClass("io.minicrm.bootstrap.MiniCrm");
                Object builder = crm.getMethod("builder").invoke(null);
                builder.getClass().getMethod("http", int.class).invoke(builder, 0);
                return builder.getClass().getMethod("build").invoke(builder);
            }));
            assertThat(http).hasMessageContaining("io.minicrm:adapter-http-javalin");
        }
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static Object run(ClassLoader loader, Call call) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static Throwable catching(Call call) {
        try {
            call.call();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the build to fail");
    }

    /** The three modules' classes (from this test's classpath) and this package's examples; parent: the JDK only. */
    static URLClassLoader isolatedLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        Pattern module = Pattern.compile(".*[/\\\\](crm-domain|crm-application|bootstrap)([/\\\\]target[/\\\\]classes|-[^/\\\\]*\\.jar)$");
        Set<String> found = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Matcher m = module.matcher(entry);
            if (m.matches() && !entry.endsWith("-tests.jar")) {
                urls.add(Path.of(entry).toUri().toURL());
                found.add(m.group(1));
            }
        }
        assertThat(found).as("the embedding modules on the test classpath").containsExactlyInAnyOrderElementsOf(EMBEDDING);
        Path examples = Path.of("target", "example-classes");
        copyExamples(examples);
        urls.add(examples.toUri().toURL());
        return new URLClassLoader("embedding-only", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** Only the example classes (not the other tests, which need JUnit and the adapters). */
    private static void copyExamples(Path to) throws Exception {
        Path from = Path.of("target", "test-classes", "example");
        Files.createDirectories(to.resolve("example"));
        try (var files = Files.list(from)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("Example.class")
                    || p.getFileName().toString().matches(".*Example\\$.*\\.class")).toList()) {
                Files.copy(f, to.resolve("example").resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The dependencies a module hands on to whoever depends on it: compile or runtime scope, not optional. */
    static List<String> inherited(String moduleDir) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("..", moduleDir, "pom.xml").toFile()).getDocumentElement();
        List<String> out = new ArrayList<>();
        NodeList deps = project.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (!((Element) d.getParentNode()).getParentNode().isSameNode(project)) {
                continue; // dependencyManagement or a plugin's
            }
            String scope = text(d, "scope");
            if ("test".equals(scope) || "provided".equals(scope) || "true".equals(text(d, "optional"))) {
                continue;
            }
            out.add(text(d, "groupId") + ":" + text(d, "artifactId"));
        }
        return out;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().strip();
    }
}
