package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.UserRepositoryContract;
import io.minicrm.application.port.UserRepository;
import org.junit.jupiter.api.AfterEach;

/** The UserRepository port contract, on MongoDB (embedded, or CRM_TEST_MONGO_URI). */
class MongoUserRepositoryContractTest extends UserRepositoryContract {
    private TestMongo.Store db;

    @Override
    protected UserRepository newRepository() {
        db = TestMongo.newStore();
        return db.store().users();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
