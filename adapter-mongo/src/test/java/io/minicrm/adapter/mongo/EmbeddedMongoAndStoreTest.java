package io.minicrm.adapter.mongo;

import com.mongodb.MongoWriteException;
import io.minicrm.application.contract.Fixtures;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.segment.syntax.DslParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.minicrm.application.contract.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server starter (memory and persistent), connecting from a URI, the health check. */
class EmbeddedMongoAndStoreTest {

    @Test
    void withADataDirectory_dataAndIndexesSurviveARestart(@TempDir Path dir) {
        try (EmbeddedMongo server = EmbeddedMongo.start(Optional.of(dir));
             MongoStore store = MongoStore.connect(server.uri(), "crm")) {
            assertThat(server.isPersistent()).isTrue();
            store.customers().upsertAll(List.of(profile("email", "kept@example.com", "name", "Kept", "visits", 4)),
                    Fixtures.ids(), Fixtures.NOW);
        }
        assertThat(Files.exists(dir.resolve(EmbeddedMongo.DATA_FILE))).isTrue();

        try (EmbeddedMongo server = EmbeddedMongo.start(Optional.of(dir));
             MongoStore store = MongoStore.connect(server.uri(), "crm")) {
            assertThat(store.customers().findByEmail(Email.of("kept@example.com")).orElseThrow().name()).isEqualTo("Kept");
            assertThat(store.customers().count(DslParser.parse("visits = 4"), Fixtures.NOW)).isEqualTo(1);
            BsonDocument duplicate = new BsonDocument("_id", new BsonString("other")).append("email", new BsonString("kept@example.com"));
            assertThatThrownBy(() -> store.database().getCollection(MongoStore.CUSTOMERS, BsonDocument.class).insertOne(duplicate))
                    .as("the unique e-mail index came back too").isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void inMemory_startsEmptyEachTime() {
        for (int round = 0; round < 2; round++) {
            try (EmbeddedMongo server = EmbeddedMongo.start(Optional.empty());
                 MongoStore store = MongoStore.connect(server.uri())) {
                assertThat(server.isPersistent()).isFalse();
                assertThat(store.customers().countAll()).isZero();
                store.customers().upsertAll(List.of(profile("email", "a@example.com")), Fixtures.ids(), Fixtures.NOW);
            }
        }
    }

    /** {@code uri} with its database path set to {@code db} (options kept). */
    private static String withDatabase(String uri, String db) {
        int scheme = uri.indexOf("://") + 3;
        int query = uri.indexOf('?', scheme);
        String options = query < 0 ? "" : uri.substring(query);
        String rest = query < 0 ? uri.substring(scheme) : uri.substring(scheme, query);
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        return uri.substring(0, scheme) + hosts + "/" + db + options;
    }

    @Test
    void theDatabaseName_isTheGivenOne_elseTheUris_elseTheDefault() {
        String uri = TestMongo.uri();
        String fromUriName = "fromuri_" + System.nanoTime();
        String givenName = "given_" + System.nanoTime();
        try (MongoStore fromUri = MongoStore.connect(withDatabase(uri, fromUriName));
             MongoStore given = MongoStore.connect(withDatabase(uri, "notthisone"), givenName)) {
            assertThat(fromUri.database().getName()).isEqualTo(fromUriName);
            assertThat(given.database().getName()).isEqualTo(givenName);
            fromUri.database().drop();
            given.database().drop();
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(Optional.empty());
             MongoStore dflt = MongoStore.connect(server.uri())) {
            assertThat(dflt.database().getName()).isEqualTo(MongoStore.DEFAULT_DATABASE);
        }
    }

    @Test
    void health_isUpWhileTheServerAnswers_andDownAfterwards_withoutThrowing() {
        EmbeddedMongo server = EmbeddedMongo.start(Optional.empty());
        try (MongoStore store = MongoStore.connect(server.uri() + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")) {
            StoreHealth up = store.health();
            assertThat(up.up()).isTrue();
            assertThat(up.detail()).isEqualTo("ok");
            server.close();
            StoreHealth down = store.health();
            assertThat(down.up()).isFalse();
            assertThat(down.detail()).isNotBlank();
        } finally {
            server.close();
        }
    }

    @Test
    void onAStockMongoJavaServer_theCompareAndSetIndexesAreCreated_onOursTheyAreNotNeeded() {
        de.bwaldvogel.mongo.MongoServer stock = new de.bwaldvogel.mongo.MongoServer(
                new de.bwaldvogel.mongo.backend.memory.MemoryBackend());
        stock.bind("127.0.0.1", 0);
        try (MongoStore store = MongoStore.connect("mongodb://127.0.0.1:" + stock.getLocalAddress().getPort())) {
            assertThat(store.isEmbeddedServer()).isTrue();
            assertThat(indexNames(store)).contains("email_unique", "id_version_cas");
        } finally {
            stock.shutdownNow();
        }
        try (EmbeddedMongo server = EmbeddedMongo.start(Optional.empty());
             MongoStore store = MongoStore.connect(server.uri())) {
            assertThat(store.isEmbeddedServer()).isTrue();
            assertThat(indexNames(store)).contains("email_unique").doesNotContain("id_version_cas");
        }
    }

    private static List<String> indexNames(MongoStore store) {
        List<String> names = new java.util.ArrayList<>();
        store.database().getCollection(MongoStore.CUSTOMERS).listIndexes().forEach(ix -> names.add(ix.getString("name")));
        return names;
    }
}
