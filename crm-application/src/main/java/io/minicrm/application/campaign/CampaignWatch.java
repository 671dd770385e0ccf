package io.minicrm.application.campaign;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.shared.NotFoundException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waiting for campaigns without polling them yourself: {@link #finished(CampaignId)} is a future that
 * completes with the campaign once it is COMPLETED, CANCELLED or FAILED, and {@link #addListener} hears every
 * status change. Changes made by this instance arrive at once (it is the {@link CampaignStatusListener} the
 * campaign use cases tell); a campaign finished by another instance sharing the store is found by a check of
 * the store every {@code checkEvery} while someone waits, so its future completes too.
 */
public final class CampaignWatch implements CampaignStatusListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CampaignWatch.class.getName());

    private final CampaignRepository campaigns;
    private final Duration checkEvery;
    private final Map<CampaignId, CompletableFuture<Campaign>> waiting = new ConcurrentHashMap<>();
    private final List<CampaignStatusListener> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService checker;
    private ScheduledFuture<?> checks;
    private boolean closed;

    /** @param checkEvery how often the store is read for campaigns finished elsewhere while someone waits */
    public CampaignWatch(CampaignRepository campaigns, Duration checkEvery) {
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("checkEvery must be positive");
        }
        this.checkEvery = checkEvery;
    }

    /**
     * The campaign once it has finished (COMPLETED, CANCELLED or FAILED); at once when it already has.
     * Cancelling the returned future stops waiting for it; closing the CRM cancels it.
     * @throws NotFoundException when there is no such campaign
     */
    public CompletableFuture<Campaign> finished(CampaignId id) {
        Campaign now = campaigns.findById(id).orElseThrow(() -> new NotFoundException("campaign", id.value()));
        if (now.status().isFinal()) {
            return CompletableFuture.completedFuture(now);
        }
        CompletableFuture<Campaign> future = waiting.computeIfAbsent(id, k -> {
            CompletableFuture<Campaign> f = new CompletableFuture<>();
            f.whenComplete((c, e) -> waiting.remove(k, f));
            return f;
        });
        startChecking();
        // it may have finished between the read above and the registration
        campaigns.findById(id).filter(c -> c.status().isFinal()).ifPresent(future::complete);
        // each caller gets its own view, so one caller's cancel does not end another's wait
        return future.thenApply(c -> c);
    }

    /** Hears every status change this instance makes, after it is stored (see {@link CampaignStatusListener}). */
    public void addListener(CampaignStatusListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(CampaignStatusListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void statusChanged(Campaign campaign) {
        for (CampaignStatusListener l : listeners) {
            try {
                l.statusChanged(campaign);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a campaign status listener failed: " + e);
            }
        }
        if (campaign.status().isFinal()) { // after the listeners: whoever awaits sees what they did
            CompletableFuture<Campaign> f = waiting.get(campaign.id());
            if (f != null) {
                f.complete(campaign);
            }
        }
    }

    /** Reads every awaited campaign once (the fallback for changes made by another instance). */
    public void checkNow() {
        for (Map.Entry<CampaignId, CompletableFuture<Campaign>> e : waiting.entrySet()) {
            try {
                campaigns.findById(e.getKey()).filter(c -> c.status().isFinal()).ifPresent(e.getValue()::complete);
            } catch (RuntimeException ex) {
                LOG.log(Level.DEBUG, "checking campaign {0} failed (will retry): {1}", e.getKey(), ex.toString());
            }
        }
    }

    private synchronized void startChecking() {
        if (closed || checks != null) {
            return;
        }
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "campaign-watch");
            t.setDaemon(true);
            return t;
        });
        long ms = checkEvery.toMillis();
        checks = checker.scheduleWithFixedDelay(this::checkNow, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Stops checking; every future still waiting is cancelled. */
    @Override
    public synchronized void close() {
        closed = true;
        if (checker != null) {
            checker.shutdownNow();
        }
        for (CompletableFuture<Campaign> f : waiting.values()) {
            f.completeExceptionally(new CancellationException("Mini CRM was closed before the campaign finished"));
        }
        waiting.clear();
    }
}
