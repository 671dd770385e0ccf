package io.minicrm.adapter.redis;

/**
 * How full a topic stream is, for monitoring the cap.
 *
 * @param topic         the topic
 * @param length        entries the stream holds
 * @param maxLength     the configured cap
 * @param backlog       the largest backlog of any group: entries delivered but not acknowledged plus entries not yet
 *                      delivered (or the whole stream while no group exists yet)
 * @param laggingGroup  the group with that backlog ({@code null} without groups)
 * @param nearCap       the backlog reached the warning threshold ({@code warnRatio * maxLength})
 * @param overCap       the stream holds more than the cap: entries some group has not processed, which are never trimmed
 */
public record StreamCapacity(String topic, long length, long maxLength, long backlog, String laggingGroup,
                             boolean nearCap, boolean overCap) {
}
