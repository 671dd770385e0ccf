package io.minicrm.application.inprocess;

import io.minicrm.application.contract.SegmentRepositoryContract;
import io.minicrm.application.port.SegmentRepository;

class InMemorySegmentRepositoryTest extends SegmentRepositoryContract {
    @Override
    protected SegmentRepository newRepository() {
        return new InMemorySegmentRepository();
    }
}
