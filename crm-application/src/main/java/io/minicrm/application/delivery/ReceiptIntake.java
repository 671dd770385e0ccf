package io.minicrm.application.delivery;

import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.domain.delivery.Receipt;
import java.util.List;

/** Takes receipts from the vendor callback and queues them for the {@link ReceiptApplier}; answers fast. */
public final class ReceiptIntake {
    private final WorkQueue queue;
    private final Metrics metrics;

    public ReceiptIntake(WorkQueue queue, Metrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    public void accept(List<Receipt> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        List<QueueMessage> messages = receipts.stream().map(ReceiptMessages::encode).toList();
        queue.publish(Topics.RECEIPTS, messages);
        metrics.count("crm.receipts.accepted", receipts.size());
    }
}
