package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.DeliveryLogRepositoryContract;
import io.minicrm.application.port.DeliveryLogRepository;
import org.junit.jupiter.api.AfterEach;

/** The DeliveryLogRepository port contract, on MongoDB (embedded, or CRM_TEST_MONGO_URI). */
class MongoDeliveryLogRepositoryContractTest extends DeliveryLogRepositoryContract {
    private TestMongo.Store db;

    @Override
    protected DeliveryLogRepository newRepository() {
        db = TestMongo.newStore();
        return db.store().deliveries();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
