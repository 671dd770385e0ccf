package io.minicrm.adapter.mongo.customer;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.domain.testing.SemanticsTable;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of the rule semantics table (operator x type x missing value) evaluated by MongoDB. */
class SemanticsTableOnMongoTest {
    private static TestMongo.Store db;

    @BeforeAll
    static void storeTheTableCustomers() {
        db = TestMongo.newStore();
        StoredCustomers.insert(db.store(), SemanticsTable.CUSTOMERS);
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @TestFactory
    Stream<DynamicTest> mongoFilter_agreesWithEveryRowOfTheSemanticsTable() {
        return SemanticsTable.cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            BsonDocument filter = RuleFilter.and(RuleFilter.of(c.rule(), SemanticsTable.NOW),
                    new BsonDocument("_id", new BsonString(c.customer().id().value())));
            long n = StoredCustomers.collection(db.store()).countDocuments(filter);
            assertThat(n == 1).as("%s%nfilter: %s", c.description(), filter.toJson()).isEqualTo(c.expected());
        }));
    }
}
