package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.LeaseRepositoryContract;
import io.minicrm.application.port.LeaseRepository;
import org.junit.jupiter.api.AfterEach;

/** The LeaseRepository port contract, on MongoDB (embedded, or CRM_TEST_MONGO_URI). */
class MongoLeaseRepositoryContractTest extends LeaseRepositoryContract {
    private TestMongo.Store db;

    @Override
    protected LeaseRepository newRepository() {
        db = TestMongo.newStore();
        return db.store().leases();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
