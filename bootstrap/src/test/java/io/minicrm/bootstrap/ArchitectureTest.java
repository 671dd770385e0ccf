package io.minicrm.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the hexagon: domain <- application <- adapters <- bootstrap; adapters never
 * depend on each other; nothing inside the hexagon sees a framework. Every rule names packages that
 * exist (checked first), and ArchUnit fails a rule whose subject set is empty.
 */
class ArchitectureTest {
    private static final String DOMAIN = "io.minicrm.domain..";
    private static final String APPLICATION = "io.minicrm.application..";
    private static final List<String> ADAPTERS = List.of("io.minicrm.adapter.http..", "io.minicrm.adapter.mongo..",
            "io.minicrm.adapter.redis..", "io.minicrm.adapter.openai..", "io.minicrm.adapter.vendorsim..");
    private static final String[] FRAMEWORKS = {"io.javalin..", "com.mongodb..", "org.bson..", "redis.clients..",
            "com.fasterxml.jackson..", "com.theokanning..", "com.google.api..", "com.nimbusds..", "io.micrometer..",
            "ch.qos.logback..", "org.eclipse.jetty..", "retrofit2..", "okhttp3.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // test fixtures shared through test-jars (e.g. crm-domain-0.1.0-SNAPSHOT-tests.jar) are tests too
                .withImportOption(location -> !location.asURI().toString().contains("-tests.jar"))
                .importPackages("io.minicrm");
    }

    @Test
    void everyCheckedPackageExists() {
        List<String> packages = classes.stream().map(c -> c.getPackageName()).distinct().toList();
        for (String expected : List.of("io.minicrm.domain.segment", "io.minicrm.domain.customer",
                "io.minicrm.application.port", "io.minicrm.application.inprocess", "io.minicrm.application.ai.offline",
                "io.minicrm.application.ops", "io.minicrm.adapter.http",
                "io.minicrm.adapter.mongo", "io.minicrm.adapter.redis", "io.minicrm.adapter.openai",
                "io.minicrm.adapter.vendorsim", "io.minicrm.bootstrap")) {
            assertThat(packages).as("package %s exists", expected).anyMatch(p -> p.equals(expected) || p.startsWith(expected + "."));
        }
    }

    @Test
    void domainUsesOnlyTheJdk() {
        ArchRule rule = classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN);
        rule.check(classes);
    }

    @Test
    void applicationUsesOnlyTheJdkTheDomainAndSlf4j() {
        ArchRule rule = classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION, "org.slf4j..");
        rule.check(classes);
    }

    @Test
    void theHexagonSeesNoFramework() {
        noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .check(classes);
    }

    @Test
    void applicationNeverTouchesAdaptersOrBootstrap() {
        noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage("io.minicrm.adapter..", "io.minicrm.bootstrap..")
                .check(classes);
    }

    /**
     * Outside the application, a port is implemented, never called: the adapters and the wiring reach the store,
     * the queue, the vendor or the assistant only through use cases. Allowed: the adapter that implements a port
     * (classes in a package holding an implementation of it: a decorator, a queue driving the batch handler it was
     * given), and the {@code Metrics} port, which the wiring hands to adapters to count their own work. Nested
     * value types of ports ({@code Page}, {@code WorkQueue.QueueStats}, ...) are records, not ports.
     */
    @Test
    void nothingOutsideTheApplicationCallsAPort_exceptTheAdapterThatImplementsIt() {
        classes().that().resideOutsideOfPackages(APPLICATION, DOMAIN).and().resideInAPackage("io.minicrm..")
                .should(new ArchCondition<JavaClass>("call ports only through use cases") {
                    @Override
                    public void check(JavaClass caller, ConditionEvents events) {
                        for (JavaMethodCall call : caller.getMethodCallsFromSelf()) {
                            JavaClass owner = call.getTargetOwner();
                            if (!owner.isInterface() || !owner.getPackageName().equals("io.minicrm.application.port")) {
                                continue;
                            }
                            JavaClass port = owner.getEnclosingClass().orElse(owner);
                            if (port.getSimpleName().equals("Metrics") || implementingPackages(port).contains(caller.getPackageName())) {
                                continue;
                            }
                            events.add(SimpleConditionEvent.violated(call, call.getDescription()
                                    + ": the port " + port.getSimpleName() + " is called from outside the application"));
                        }
                    }
                })
                .check(classes);
    }

    /** The packages holding a class that implements the port. */
    private static java.util.Set<String> implementingPackages(JavaClass port) {
        return classes.stream().filter(c -> !c.isInterface() && !c.equals(port) && c.isAssignableTo(port.getName()))
                .map(JavaClass::getPackageName).collect(java.util.stream.Collectors.toSet());
    }

    /** The wiring stays in bootstrap: no adapter sees another adapter or the assembly that wires them. */
    @Test
    void adaptersNeverTouchEachOther() {
        for (String adapter : ADAPTERS) {
            String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).toArray(String[]::new);
            noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .orShould().dependOnClassesThat().resideInAPackage("io.minicrm.bootstrap..")
                    .check(classes);
        }
    }

    /** The REST API and the vendor simulator's HTTP server are the only web servers. */
    @Test
    void onlyTheWebAdaptersUseJavalin() {
        noClasses().that().resideOutsideOfPackages("io.minicrm.adapter.http..", "io.minicrm.adapter.vendorsim..",
                        "io.minicrm.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .check(classes);
    }

    @Test
    void onlyTheMongoAdapterUsesTheMongoDriver() {
        noClasses().that().resideOutsideOfPackages("io.minicrm.adapter.mongo..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..", "de.bwaldvogel..")
                .check(classes);
    }

    @Test
    void onlyTheRedisAdapterUsesJedis() {
        noClasses().that().resideOutsideOfPackages("io.minicrm.adapter.redis..")
                .should().dependOnClassesThat().resideInAPackage("redis.clients..")
                .check(classes);
    }

    @Test
    void onlyTheOpenAiAdapterUsesTheOpenAiLibrary() {
        noClasses().that().resideOutsideOfPackages("io.minicrm.adapter.openai..")
                .should().dependOnClassesThat().resideInAnyPackage("com.theokanning..", "retrofit2..")
                .check(classes);
    }
}
