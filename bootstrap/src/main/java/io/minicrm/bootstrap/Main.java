package io.minicrm.bootstrap;

import io.minicrm.adapter.vendorsim.VendorSimulatorMain;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -jar minicrm.jar [serve | demo [customers] | vendor-sim [flags] | backup <file> |
 * restore <file> | migrate --to <uri> | help]}. {@code serve} (the default) runs the server; {@code demo} runs it
 * and loads generated data through the use cases (in memory unless {@code CRM_DATA_DIR} is set);
 * {@code vendor-sim} runs the standalone vendor simulator; {@code backup}, {@code restore} and
 * {@code migrate} work on the embedded store's data directory ({@link StoreCommands}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "serve" -> serve(0);
            case "demo" -> serve(rest.length > 0 ? parseCount(rest[0]) : 5_000);
            case "backup" -> System.exit(StoreCommands.backup(rest, Environment.load(), System.out, System.err));
            case "restore" -> System.exit(StoreCommands.restore(rest, Environment.load(), System.out, System.err));
            case "migrate" -> System.exit(StoreCommands.migrate(rest, Environment.load(), System.out, System.err));
            case "vendor-sim" -> VendorSimulatorMain.main(rest);
            case "help", "--help", "-h" -> usage(System.out);
            default -> {
                System.err.println("unknown command: " + command);
                usage(System.err);
                System.exit(2);
            }
        }
    }

    private static int parseCount(String s) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        System.err.println("demo: expected a number of customers from 1 to 1000000, got \"" + s + "\"");
        System.exit(2);
        return 0;
    }

    private static void serve(int demoCustomers) throws InterruptedException {
        Map<String, String> env;
        Config config;
        try {
            env = Environment.load();
            if (demoCustomers > 0 && !env.containsKey("CRM_DATA_DIR")) {
                // demo data never lands in a shop's data directory unasked
                env = new java.util.HashMap<>(env);
                env.put("CRM_DATA_DIR", Config.MEMORY);
            }
            config = Config.from(env);
        } catch (ConfigException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.jsonLogs()) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        // out of memory: exit (code 3) for the supervisor to restart us, rather than serve on half-dead
        OutOfMemoryGuard.install(config.heapExitPercent());
        Application app = new Application(config);
        try {
            app.start();
        } catch (RuntimeException e) {
            System.err.println("Mini CRM could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Mini CRM stopping: finishing in-flight work...");
            haltIfStuck(STOP_DEADLINE);
            app.stop();
            System.out.println("Mini CRM stopped.");
            System.out.flush();
            stopped.countDown();
        }, "minicrm-shutdown"));
        printBanner(app, System.out);
        if (demoCustomers > 0) {
            DemoData.Loaded loaded = new DemoData(app.crm(), Clock.systemUTC()).load(demoCustomers, 7);
            System.out.printf("Demo data loaded: %d customers, %d orders, %d segments; campaign \"%s\" is sending.%n",
                    loaded.customers(), loaded.orders(), loaded.segments().size(), loaded.campaign().name());
        }
        stopped.await();
    }

    /** Longest a graceful stop may take before the process is halted (a supervisor's stop timeout is longer). */
    static final java.time.Duration STOP_DEADLINE = java.time.Duration.ofSeconds(45);

    /** Halts the process if the graceful stop has not finished within {@code deadline} (a stop must never hang). */
    private static void haltIfStuck(java.time.Duration deadline) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(deadline.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("Mini CRM did not stop within " + deadline.toSeconds() + " s; halting");
            Runtime.getRuntime().halt(1);
        }, "minicrm-stop-deadline");
        t.setDaemon(true);
        t.start();
    }

    static void printBanner(Application app, PrintStream out) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nMini CRM is running at ").append(app.baseUrl()).append('\n');
        app.adapters().forEach((k, v) -> sb.append(String.format("  %-9s %s%n", k, v)));
        sb.append(String.format("  %-9s %s/%n", "console", app.baseUrl()));
        app.consoleSignInLink().ifPresent(link -> sb.append(String.format("  %-9s %s   (one-time, 30 minutes)%n", "sign in", link)));
        app.adminToken().ifPresent(t -> sb.append(String.format("  %-9s %s   (Authorization: Bearer <token>)%n", "token", t)));
        sb.append(String.format("  %-9s %s/docs   (OpenAPI: %s/openapi.json)%n", "API docs", app.baseUrl(), app.baseUrl()));
        out.print(sb);
        out.flush();
    }

    static void usage(PrintStream out) {
        out.println("""
                usage: java -jar minicrm.jar [command]
                  serve               run the server (default); configuration from the environment and ./.env
                  demo [customers]    run the server and load generated customers, orders, segments and a campaign (default 5000);
                                      in memory unless CRM_DATA_DIR is set
                  vendor-sim [flags]  run the standalone messaging-vendor simulator (vendor-sim --help for its flags)
                  backup <file>       write a consistent snapshot of the embedded store (CRM_DATA_DIR, default ./minicrm-data)
                                      to <file>; asks the running server when there is one (--url, --token or CRM_API_KEYS)
                  restore <file>      put a backup into an empty data directory (CRM_DATA_DIR)
                  migrate --to <uri>  copy every collection and index of the embedded store to MongoDB (resumable)
                  help                this text""");
    }
}
