package io.minicrm.adapter.mongo.contract;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.CampaignRepositoryContract;
import io.minicrm.application.port.CampaignRepository;
import org.junit.jupiter.api.AfterEach;

/** The CampaignRepository port contract, on MongoDB (embedded, or CRM_TEST_MONGO_URI). */
class MongoCampaignRepositoryContractTest extends CampaignRepositoryContract {
    private TestMongo.Store db;

    @Override
    protected CampaignRepository newRepository() {
        db = TestMongo.newStore();
        return db.store().campaigns();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
