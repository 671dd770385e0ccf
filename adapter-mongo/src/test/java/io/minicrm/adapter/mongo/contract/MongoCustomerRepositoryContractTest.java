package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.CustomerRepositoryContract;
import io.minicrm.application.port.CustomerRepository;
import org.junit.jupiter.api.AfterEach;

/** The CustomerRepository port contract, on MongoDB (embedded, or CRM_TEST_MONGO_URI). */
class MongoCustomerRepositoryContractTest extends CustomerRepositoryContract {
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
