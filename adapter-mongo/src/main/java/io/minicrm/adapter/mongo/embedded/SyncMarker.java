package io.minicrm.adapter.mongo.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A note beside the store file ({@value #FILE}) of a version known to be on disk, written at most once a
 * second after a sync. MVStore opens a file whose newest chunks are missing (cut off, overwritten) at the
 * newest intact older version, without a word: after a crash that is right (the lost tail was never
 * acknowledged), but a file that lost synced data would silently come back old, or empty. Opening
 * a file older than its note is refused instead.
 */
final class SyncMarker {
    static final String FILE = "minicrm.synced";
    private static final int LENGTH = 40;

    private final Path file;
    private volatile long lastWrite;

    SyncMarker(Path directory) {
        this.file = directory.resolve(FILE);
    }

    /** Notes {@code version} as synced, unless one was noted less than a second ago (or {@code force}). */
    void synced(long version, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastWrite < 1_000_000_000L) {
            return;
        }
        lastWrite = now;
        String body = Long.toString(version);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        String line = String.format("%-38s", body + " " + Long.toHexString(crc.getValue())) + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(line.substring(0, Math.min(line.length(), LENGTH)).getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
        } catch (IOException e) {
            // only a safety net: the store itself is synced
        }
    }

    /** The noted version, or -1 when there is none (a new or restored directory) or it is unreadable. */
    long read() {
        try {
            if (!Files.exists(file)) {
                return -1;
            }
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
            if (parts.length != 2) {
                return -1;
            }
            CRC32 crc = new CRC32();
            crc.update(parts[0].getBytes(StandardCharsets.US_ASCII));
            return Long.toHexString(crc.getValue()).equals(parts[1]) ? Long.parseLong(parts[0]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale note is refused loudly at the next open; nothing silent
        }
    }
}
