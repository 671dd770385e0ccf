package io.minicrm.adapter.http.guard;

import io.minicrm.adapter.http.problem.ApiProblem;
import java.util.concurrent.Semaphore;

/**
 * A bound, over all callers, on requests that can each take a lot of memory or time (imports, bulk
 * ingestion, segment previews). A request that finds every permit taken is refused at once with 503 and
 * {@code Retry-After} instead of being accepted as work the server cannot hold; light routes (health,
 * readiness, reads) never wait for these permits.
 */
public final class HeavyRequests {
    /** Seconds a refused caller is asked to wait. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** Work done while holding a permit. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final int max;
    private final Semaphore permits;

    public HeavyRequests(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1");
        }
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /**
     * Runs {@code work} holding a permit.
     * @throws ApiProblem 503 with {@code Retry-After} when none is free
     */
    public void run(Work work) throws Exception {
        if (!permits.tryAcquire()) {
            throw ApiProblem.of(503, "busy", "The server is busy", "at most " + max + " imports, bulk ingestions and "
                    + "previews run at once; retry in " + RETRY_AFTER_SECONDS + " s")
                    .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        try {
            work.run();
        } finally {
            permits.release();
        }
    }

    /** Permits in use now. */
    public int inProgress() {
        return max - permits.availablePermits();
    }
}
