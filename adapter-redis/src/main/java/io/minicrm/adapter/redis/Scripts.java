package io.minicrm.adapter.redis;

/** The Lua scripts the queue runs server-side (each is atomic in Redis). */
final class Scripts {
    private Scripts() {
    }

    /**
     * Dead-letters one entry: acknowledges it and, only if it was still pending (so a second consumer racing on the
     * same entry cannot dead-letter it twice), appends it to the dead-letter stream and counts it.
     * KEYS: stream, dead stream, dead counter. ARGV: group, id, dead stream cap, field/value pairs...
     */
    static final String DEAD_LETTER = """
            if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 4))
            redis.call('INCR', KEYS[3])
            return 1
            """;

    /**
     * Counts the entries after an id (exclusive start, e.g. {@code (1700000000000-5}), up to a limit: the lag of a
     * group on Redis versions that do not report it. KEYS: stream. ARGV: start, limit.
     */
    static final String COUNT_AFTER = """
            local n = 0
            local start = ARGV[1]
            local limit = tonumber(ARGV[2])
            while n < limit do
              local r = redis.call('XRANGE', KEYS[1], start, '+', 'COUNT', 1000)
              n = n + #r
              if #r < 1000 then break end
              start = '(' .. r[#r][1]
            end
            return n
            """;

}
