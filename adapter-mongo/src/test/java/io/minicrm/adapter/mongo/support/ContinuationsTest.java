package io.minicrm.adapter.mongo.support;

import com.mongodb.ServerCursor;
import com.mongodb.client.MongoCollection;
import io.minicrm.adapter.mongo.TestMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyset pages served from a kept cursor are the pages fresh queries give, whatever happens to the cursor. */
class ContinuationsTest {
    private TestMongo.Store db;
    private MongoCollection<BsonDocument> c;
    private final List<String> all = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestMongo.newStore();
        c = db.store().database().getCollection("keyset", BsonDocument.class);
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            String id = String.format("k%04d", (i * 37) % 95); // inserted out of order
            docs.add(new BsonDocument("_id", new BsonString(id)).append("even", new BsonInt32(i % 2)));
        }
        c.insertMany(docs);
        for (int i = 0; i < 95; i++) {
            all.add(String.format("k%04d", i));
        }
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private List<String> page(Continuations k, String after, int limit) {
        List<BsonDocument> docs = k.page("keyset", after, limit,
                from -> c.find(from == null ? new BsonDocument()
                        : new BsonDocument("_id", new BsonDocument("$gt", new BsonString(from))))
                        .sort(new BsonDocument("_id", new BsonInt32(1))),
                d -> d.getString("_id").getValue());
        return docs.stream().map(d -> d.getString("_id").getValue()).toList();
    }

    private List<String> readAll(Continuations k, int limit, Runnable betweenPages) {
        List<String> seen = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> p = page(k, after, limit);
            seen.addAll(p);
            if (p.size() < limit) {
                return seen;
            }
            after = p.get(p.size() - 1);
            betweenPages.run();
        }
    }

    @Test
    void freshQueries_pageTheWholeOrderedSet_andKeepNoCursor() {
        try (Continuations k = Continuations.freshQueries()) {
            List<String> seen = new ArrayList<>();
            String after = null;
            while (true) {
                List<String> p = page(k, after, 10);
                assertThat(k.openCursors()).isZero();
                seen.addAll(p);
                if (p.size() < 10) {
                    break;
                }
                after = p.get(p.size() - 1);
            }
            assertThat(seen).isEqualTo(all);
        }
    }

    @Test
    void pagesFromAKeptCursor_equalTheWholeOrderedSet_andTheCursorIsClosedAtTheEnd() {
        try (Continuations k = new Continuations(1, TimeUnit.MINUTES)) {
            List<Integer> open = new ArrayList<>();
            assertThat(readAll(k, 10, () -> open.add(k.openCursors()))).containsExactlyElementsOf(all);
            assertThat(open).containsOnly(1);
            assertThat(k.openCursors()).isZero();
        }
    }

    @Test
    void aCursorKilledOnTheServer_isReplacedByAFreshQuery() {
        try (Continuations k = new Continuations(1, TimeUnit.MINUTES)) {
            List<String> seen = readAll(k, 10, () -> {
                BsonArray ids = new BsonArray();
                for (ServerCursor sc : k.serverCursors()) {
                    ids.add(new BsonInt64(sc.getId()));
                }
                db.store().database().runCommand(new BsonDocument("killCursors", new BsonString("keyset"))
                        .append("cursors", ids));
            });
            assertThat(seen).containsExactlyElementsOf(all);
            assertThat(k.restarts()).as("pages read again after the kill").isEqualTo(9);
        }
    }

    @Test
    void aPageAskedWithAnotherCursor_isAFreshQuery() {
        try (Continuations k = new Continuations(1, TimeUnit.MINUTES)) {
            assertThat(page(k, null, 10)).containsExactlyElementsOf(all.subList(0, 10));
            assertThat(page(k, all.get(49), 10)).containsExactlyElementsOf(all.subList(50, 60));
            assertThat(page(k, all.get(9), 10)).containsExactlyElementsOf(all.subList(10, 20));
            assertThat(k.openCursors()).isEqualTo(2);
        }
    }

    @Test
    void idleCursorsAreClosed() throws InterruptedException {
        try (Continuations k = new Continuations(50, TimeUnit.MILLISECONDS)) {
            page(k, null, 10);
            assertThat(k.openCursors()).isEqualTo(1);
            Thread.sleep(120);
            assertThat(page(k, all.get(9), 10)).containsExactlyElementsOf(all.subList(10, 20));
            assertThat(k.openCursors()).isEqualTo(1);
        }
    }

    @Test
    void atMostMaxOpenCursorsAreKept() {
        try (Continuations k = new Continuations(1, TimeUnit.MINUTES)) {
            for (int i = 0; i < Continuations.MAX_OPEN + 5; i++) {
                k.page("query" + i, null, 2, from -> c.find().sort(new BsonDocument("_id", new BsonInt32(1))),
                        d -> d.getString("_id").getValue());
            }
            assertThat(k.openCursors()).isEqualTo(Continuations.MAX_OPEN);
        }
    }
}
