package io.minicrm.application.inprocess;

import io.minicrm.application.contract.CampaignRepositoryContract;
import io.minicrm.application.port.CampaignRepository;

class InMemoryCampaignRepositoryTest extends CampaignRepositoryContract {
    @Override
    protected CampaignRepository newRepository() {
        return new InMemoryCampaignRepository();
    }
}
