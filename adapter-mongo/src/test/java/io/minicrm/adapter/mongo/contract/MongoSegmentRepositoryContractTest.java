package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.SegmentRepositoryContract;
import io.minicrm.application.port.SegmentRepository;
import org.junit.jupiter.api.AfterEach;

/** The SegmentRepository port contract, on MongoDB (embedded, or CRM_TEST_MONGO_URI). */
class MongoSegmentRepositoryContractTest extends SegmentRepositoryContract {
    private TestMongo.Store db;

    @Override
    protected SegmentRepository newRepository() {
        db = TestMongo.newStore();
        return db.store().segments();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
