package io.minicrm.application.delivery;

import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.domain.delivery.Receipt;
import java.util.List;

/**
 * Takes receipts from the vendor callback and queues them for the {@link ReceiptApplier}; answers fast.
 * When the queue does not outlive the process ({@link WorkQueue#isDurable()}), the receipts are applied
 * before {@link #accept} returns instead: the vendor is told 2xx only once they are in the store, so a
 * crash cannot lose an acknowledged receipt.
 */
public final class ReceiptIntake {
    private final WorkQueue queue;
    private final Metrics metrics;
    private final ReceiptApplier applier;

    public ReceiptIntake(WorkQueue queue, Metrics metrics) {
        this(queue, metrics, null);
    }

    /** @param applier applies the receipts at once when the queue is not durable (null: always queue) */
    public ReceiptIntake(WorkQueue queue, Metrics metrics, ReceiptApplier applier) {
        this.queue = queue;
        this.metrics = metrics;
        this.applier = applier;
    }

    public void accept(List<Receipt> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        if (applier != null && !queue.isDurable()) {
            applier.apply(receipts);
            metrics.count("crm.receipts.accepted", receipts.size());
            return;
        }
        List<QueueMessage> messages = receipts.stream().map(ReceiptMessages::encode).toList();
        queue.publish(Topics.RECEIPTS, messages);
        metrics.count("crm.receipts.accepted", receipts.size());
    }
}
