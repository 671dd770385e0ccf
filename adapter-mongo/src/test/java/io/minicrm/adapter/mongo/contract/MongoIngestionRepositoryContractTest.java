package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.IngestionRepositoryContract;
import io.minicrm.application.port.IngestionRepository;
import org.junit.jupiter.api.AfterEach;

/** The IngestionRepository port contract, on MongoDB (embedded, or CRM_TEST_MONGO_URI). */
class MongoIngestionRepositoryContractTest extends IngestionRepositoryContract {
    private TestMongo.Store db;

    @Override
    protected IngestionRepository newRepository() {
        db = TestMongo.newStore();
        return db.store().ingestions();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
