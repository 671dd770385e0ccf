package io.minicrm.adapter.redis;

/** The Redis keys of a topic: its stream, its dead-letter stream and its dead-letter counter. */
record StreamKeys(String stream, String dead, String deadCount) {

    static StreamKeys of(String prefix, String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return new StreamKeys(prefix + ":stream:" + topic, prefix + ":dead:" + topic, prefix + ":deadcount:" + topic);
    }
}
