package io.minicrm.adapter.redis;

/**
 * Redis could not be reached (or refused the write) for longer than the configured publish timeout. The
 * messages of the failed call may or may not be queued: publishing again is safe because handlers are
 * idempotent.
 */
public class QueueUnavailableException extends io.minicrm.application.port.WorkQueue.QueueUnavailableException {
    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
