package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.MissingValuesContract;
import io.minicrm.application.port.CustomerRepository;
import org.junit.jupiter.api.AfterEach;

/** Missing values through ingestion and preview, on the MongoDB filter and documents (embedded, or CRM_TEST_MONGO_URI). */
class MongoMissingValuesTest extends MissingValuesContract {
    private TestMongo.Store db;

    @Override
    protected CustomerRepository newRepository() {
        db = TestMongo.newStore();
        return db.store().customers();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
