package io.minicrm.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Configuration errors are clear, and an unreachable Redis is reported, never waited on forever. */
class RedisConnectionsTest {

    @Test
    void aMalformedRedisUrl_isRejectedWithAMessageThatNamesTheExpectedForm_andNeverThePassword() {
        assertThatThrownBy(() -> RedisWorkQueue.connect("http://host:6379", "a", RedisQueueSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis://")
                .hasMessageContaining("scheme");
        assertThatThrownBy(() -> RedisWorkQueue.connect("redis://:s3cret@host:6379/x", "a", RedisQueueSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database must be a number")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> RedisWorkQueue.connect(" ", "a", RedisQueueSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisWorkQueue.connect("redis://localhost:6379", "two words", RedisQueueSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instanceId");
    }

    @Test
    void settings_rejectNonsense() {
        assertThatThrownBy(() -> RedisQueueSettings.defaults().withMaxLength(10)).hasMessageContaining("maxLength");
        assertThatThrownBy(() -> RedisQueueSettings.defaults().withPoolSize(1)).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> RedisQueueSettings.defaults().withPublishTimeout(Duration.ZERO))
                .hasMessageContaining("publishTimeout");
    }

    @Test
    void anUnreachableRedis_isUnhealthy_andPublishFailsWithinItsTimeout() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RedisWorkQueue queue = RedisWorkQueue.connect("redis://127.0.0.1:" + port, "nobody",
                RedisQueueSettings.defaults().withPublishTimeout(Duration.ofMillis(300)), Metrics.NONE)) {
            assertThat(queue.isHealthy()).isFalse();
            long started = System.nanoTime();
            assertThatThrownBy(() -> queue.publish("t", List.of(new QueueMessage(Map.of("a", "b")))))
                    .isInstanceOf(WorkQueue.QueueUnavailableException.class).hasMessageContaining("publish to t");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aMessageWithoutFields_travelsAsAnEmptyMessage() {
        try (RedisWorkQueue queue = RedisWorkQueue.connect(RedisTestServer.sharedUrl(), "empty",
                RedisQueueSettings.defaults().withKeyPrefix("empty-" + System.nanoTime()), Metrics.NONE)) {
            Queue<QueueMessage> seen = new ConcurrentLinkedQueue<>();
            queue.subscribe("t", "g", WorkQueue.ConsumerSettings.defaults(), batch -> {
                batch.forEach(d -> seen.add(d.message()));
                return WorkQueue.Outcome.OK;
            });
            queue.publish("t", List.of(new QueueMessage(Map.of())));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
            assertThat(seen.peek().fields()).isEmpty();
        }
    }
}
