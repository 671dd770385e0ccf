package io.minicrm.application.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.delivery.Topics;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dead letters and queue statistics for operators, through a use case rather than the queue port. */
class QueueHealthTest {

    @Test
    void deadLetters_areListedByTopic_withTheirErrorScrubbedOfClassNames() {
        try (InProcessWorkQueue queue = new InProcessWorkQueue()) {
            QueueHealth health = new QueueHealth(queue);
            WorkQueue.Subscription s = queue.subscribe(Topics.INGEST, Topics.INGESTERS,
                    new WorkQueue.ConsumerSettings(10, Duration.ofMillis(10), 1, 2, Duration.ofSeconds(1)),
                    batch -> {
                        Map<String, String> failed = new HashMap<>();
                        batch.forEach(d -> failed.put(d.id(), "java.lang.IllegalStateException: the row is broken"));
                        return new WorkQueue.Outcome(failed);
                    });
            queue.publish(Topics.INGEST, List.of(new QueueMessage(Map.of("kind", "CUSTOMERS"))));

            await().atMost(Duration.ofSeconds(10)).until(() -> !health.deadLetters(
                    new QueueHealth.DeadLetterQuery(Optional.empty(), 10)).isEmpty());
            s.close();

            List<QueueHealth.DeadLetter> all = health.deadLetters(new QueueHealth.DeadLetterQuery(Optional.empty(), 10));
            assertThat(all).singleElement().satisfies(d -> {
                assertThat(d.topic()).isEqualTo(Topics.INGEST);
                assertThat(d.deliveries()).isEqualTo(2);
                assertThat(d.error()).contains("the row is broken").doesNotContain("java.lang");
                assertThat(d.fields()).containsEntry("kind", "CUSTOMERS");
            });
            assertThat(health.deadLetters(new QueueHealth.DeadLetterQuery(Optional.of(Topics.RECEIPTS), 10))).isEmpty();
            assertThat(health.stats(Topics.INGEST).deadLetters()).isEqualTo(1);
            assertThat(health.isHealthy()).isTrue();
        }
    }

    @Test
    void aQueryForAnUnknownTopicOrAnOutOfRangeLimit_cannotBeMade() {
        assertThatThrownBy(() -> new QueueHealth.DeadLetterQuery(Optional.of("orders"), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveries");
        assertThatThrownBy(() -> new QueueHealth.DeadLetterQuery(Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueHealth.DeadLetterQuery(Optional.empty(), 1001)).isInstanceOf(IllegalArgumentException.class);
    }
}
