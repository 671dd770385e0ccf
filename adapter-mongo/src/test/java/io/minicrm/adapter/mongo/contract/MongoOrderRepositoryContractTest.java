package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.OrderRepositoryContract;
import io.minicrm.application.port.OrderRepository;
import org.junit.jupiter.api.AfterEach;

/** The OrderRepository port contract, on MongoDB (embedded, or CRM_TEST_MONGO_URI). */
class MongoOrderRepositoryContractTest extends OrderRepositoryContract {
    private TestMongo.Store db;

    @Override
    protected OrderRepository newRepository() {
        db = TestMongo.newStore();
        return db.store().orders();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
