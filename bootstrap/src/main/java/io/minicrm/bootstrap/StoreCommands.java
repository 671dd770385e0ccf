package io.minicrm.bootstrap;

import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.adapter.mongo.StoreMigration;
import io.minicrm.adapter.mongo.embedded.DurableStore;
import io.minicrm.adapter.mongo.embedded.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store commands of the command line, on the embedded store's data directory ({@code CRM_DATA_DIR},
 * default {@code ./minicrm-data}):
 * <ul>
 *   <li>{@code backup <file>}: a consistent snapshot. With no server running on the directory it is taken
 *       directly; while one runs (the directory is locked) it is asked for one over HTTP
 *       ({@code GET /api/admin/backup}, operators only: {@code --token <admin token>}, {@code --api-key <key>}
 *       or the first of {@code CRM_API_KEYS}; {@code --url}, default {@code http://localhost:$PORT}).</li>
 *   <li>{@code restore <file>}: puts a backup into an empty data directory.</li>
 *   <li>{@code migrate --to <mongodb-uri>}: copies every collection and index to MongoDB ({@link StoreMigration}),
 *       with the server stopped.</li>
 * </ul>
 * Each returns the process exit code (0 done, 1 failed, 2 bad usage) after printing what happened.
 */
final class StoreCommands {
    private StoreCommands() {
    }

    static int backup(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Flags f = Flags.parse(args, List.of("--url", "--token", "--api-key"));
        if (f == null || f.positional.size() != 1) {
            err.println("usage: java -jar minicrm.jar backup <file> [--url http://host:port] [--token <admin token> | --api-key <key>]");
            return 2;
        }
        Path target = Path.of(f.positional.get(0)).toAbsolutePath();
        Optional<Path> dir = dataDir(env, err);
        if (dir == null) {
            return 2;
        }
        try {
            if (dir.isPresent()) {
                try (EmbeddedMongo store = EmbeddedMongo.start(dir)) {
                    DurableStore.BackupInfo info = store.backup(target);
                    report(out, "backup of " + dir.get().toAbsolutePath() + " written to " + target, info.documents(), info.bytes());
                    return 0;
                } catch (StoreException.Locked running) {
                    out.println("a server is running on " + dir.get().toAbsolutePath() + "; asking it for the backup");
                }
            }
            return backupOverHttp(f, env, target, out, err);
        } catch (StoreException e) {
            err.println("backup failed: " + e.getMessage());
            return 1;
        }
    }

    private static int backupOverHttp(Flags f, Map<String, String> env, Path target, PrintStream out, PrintStream err) {
        String base = f.get("--url").orElse("http://localhost:" + env.getOrDefault("PORT", Integer.toString(Config.DEFAULT_PORT)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/api/admin/backup"))
                .timeout(Duration.ofHours(1)).GET();
        Optional<String> apiKey = f.get("--api-key").or(() -> Optional.ofNullable(env.get("CRM_API_KEYS"))
                .map(k -> k.split(",")[0].strip()).filter(k -> !k.isEmpty()));
        if (f.get("--token").isPresent()) {
            request.header("Authorization", "Bearer " + f.get("--token").get());
        } else if (apiKey.isPresent()) {
            request.header("X-Api-Key", apiKey.get());
        } else {
            err.println("backup: the server needs an operator's credential: --token <admin token from its banner>, --api-key <key>, or CRM_API_KEYS");
            return 2;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".download");
        try {
            HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(2000), java.nio.charset.StandardCharsets.UTF_8);
                }
                err.println("backup: the server at " + base + " answered " + response.statusCode() + ": " + body);
                return 1;
            }
            try (InputStream in = response.body()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Map<String, Long> counts = DurableStore.inspect(partial);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            report(out, "backup from the server at " + base + " written to " + target, counts, Files.size(target));
            return 0;
        } catch (IOException e) {
            err.println("backup: cannot reach the server at " + base + " (" + e + "); is it running? (--url)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // left behind: named .download
            }
        }
    }

    static int restore(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Flags f = Flags.parse(args, List.of());
        if (f == null || f.positional.size() != 1) {
            err.println("usage: java -jar minicrm.jar restore <backup-file>   (into CRM_DATA_DIR, default ./minicrm-data, which must be empty)");
            return 2;
        }
        Optional<Path> dir = dataDir(env, err);
        if (dir == null) {
            return 2;
        }
        if (dir.isEmpty()) {
            err.println("restore: CRM_DATA_DIR is \"memory\"; name the directory to restore into");
            return 2;
        }
        try {
            DurableStore.BackupInfo info = DurableStore.restore(Path.of(f.positional.get(0)), dir.get());
            report(out, "restored " + f.positional.get(0) + " into " + dir.get().toAbsolutePath(), info.documents(), info.bytes());
            return 0;
        } catch (StoreException e) {
            err.println("restore failed: " + e.getMessage());
            return 1;
        }
    }

    static int migrate(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Flags f = Flags.parse(args, List.of("--to", "--db"));
        if (f == null || f.get("--to").isEmpty() || !f.positional.isEmpty()) {
            err.println("usage: java -jar minicrm.jar migrate --to <mongodb-uri> [--db <database>]   (stop the server first)");
            return 2;
        }
        Optional<Path> dir = dataDir(env, err);
        if (dir == null) {
            return 2;
        }
        if (dir.isEmpty()) {
            err.println("migrate: CRM_DATA_DIR is \"memory\"; there is nothing on disk to copy");
            return 2;
        }
        String uri = f.get("--to").get();
        String sourceDb = env.getOrDefault("MONGO_DB", MongoStore.DEFAULT_DATABASE);
        String targetDb;
        try {
            targetDb = StoreMigration.targetDatabase(uri, f.get("--db").orElse(null), sourceDb);
        } catch (IllegalArgumentException e) {
            err.println("migrate: --to expects a mongodb:// or mongodb+srv:// URI: " + e.getMessage());
            return 2;
        }
        try (EmbeddedMongo store = EmbeddedMongo.start(dir)) {
            out.println("migrating " + dir.get().toAbsolutePath() + " (database " + sourceDb + ") to " + Application.redact(uri)
                    + " (database " + targetDb + ")");
            List<StoreMigration.Copied> result = StoreMigration.copy(store.uri(), sourceDb, uri, targetDb, out::println);
            boolean ok = result.stream().allMatch(StoreMigration.Copied::countsAgree);
            out.println(ok ? "migration complete: every collection's count agrees; set MONGO_URI=" + Application.redact(uri)
                    + " (and MONGO_DB=" + targetDb + ") to run on it"
                    : "migration finished with count mismatches (see above); run it again, or check the target for other writers");
            return ok ? 0 : 1;
        } catch (StoreException e) {
            err.println("migrate failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("migrate failed: " + e + " (run it again: it resumes where it stopped)");
            return 1;
        }
    }

    /** The data directory from the environment; empty for memory; null (after saying why) when invalid. */
    private static Optional<Path> dataDir(Map<String, String> env, PrintStream err) {
        try {
            return Config.from(env, Config.DEFAULT_DATA_DIR).dataDir();
        } catch (ConfigException e) {
            err.println("Invalid configuration: " + e.getMessage());
            return null;
        }
    }

    private static void report(PrintStream out, String what, Map<String, Long> documents, long bytes) {
        out.println(what + " (" + (bytes >> 10) + " KB)");
        documents.forEach((ns, n) -> out.println("  " + ns + ": " + n + " documents"));
    }

    /** Positional arguments and {@code --name value} flags. */
    private record Flags(List<String> positional, Map<String, String> named) {
        static Flags parse(String[] args, List<String> allowed) {
            List<String> positional = new ArrayList<>();
            Map<String, String> named = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--")) {
                    if (!allowed.contains(args[i]) || i + 1 >= args.length) {
                        return null;
                    }
                    named.put(args[i], args[++i]);
                } else {
                    positional.add(args[i]);
                }
            }
            return new Flags(positional, named);
        }

        Optional<String> get(String name) {
            return Optional.ofNullable(named.get(name));
        }
    }
}
