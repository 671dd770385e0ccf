package io.minicrm.application.inprocess;

import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.SendWindow;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.application.support.ActivityBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The delivery log in memory, with per-campaign indexes. Every write is atomic (one lock). */
public final class InMemoryDeliveryLogRepository implements DeliveryLogRepository {
    private final Map<DeliveryId, Delivery> rows = new HashMap<>();
    private final Map<CampaignId, TreeMap<String, Delivery>> byCampaign = new HashMap<>();
    private final Map<CustomerId, Set<DeliveryId>> byCustomer = new HashMap<>();

    @Override
    public synchronized Set<DeliveryId> insertAll(List<Delivery> batch) {
        Set<DeliveryId> inserted = new LinkedHashSet<>();
        for (Delivery d : batch) {
            if (!rows.containsKey(d.id())) {
                put(d);
                byCustomer.computeIfAbsent(d.customerId(), k -> new HashSet<>()).add(d.id());
                inserted.add(d.id());
            }
        }
        return inserted;
    }

    private void put(Delivery d) {
        rows.put(d.id(), d);
        byCampaign.computeIfAbsent(d.campaignId(), k -> new TreeMap<>()).put(d.id().value(), d);
    }

    @Override
    public synchronized Map<DeliveryId, Delivery> findByIds(Collection<DeliveryId> ids) {
        Map<DeliveryId, Delivery> out = new HashMap<>();
        for (DeliveryId id : ids) {
            Delivery d = rows.get(id);
            if (d != null) {
                out.put(id, d);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<Delivery> findById(DeliveryId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized Set<DeliveryId> compareAndSetAll(List<Delivery> batch) {
        Set<DeliveryId> written = new HashSet<>();
        for (Delivery next : batch) {
            Delivery stored = rows.get(next.id());
            if (stored != null && stored.version() == next.version() - 1) {
                put(next);
                written.add(next.id());
            }
        }
        return written;
    }

    @Override
    public synchronized List<Delivery> findDue(Instant now, int limit) {
        List<Delivery> out = new ArrayList<>();
        for (TreeMap<String, Delivery> campaign : byCampaign.values()) {
            for (Delivery d : campaign.values()) {
                if (d.isDue(now)) {
                    out.add(d);
                }
            }
        }
        out.sort(Comparator.comparing(Delivery::nextAttemptAt));
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    @Override
    public synchronized List<Delivery> findPending(CampaignId campaign, DeliveryId after, int limit) {
        TreeMap<String, Delivery> all = byCampaign.getOrDefault(campaign, new TreeMap<>());
        Map<String, Delivery> tail = after == null ? all : all.tailMap(after.value(), false);
        List<Delivery> out = new ArrayList<>();
        for (Delivery d : tail.values()) {
            if (d.status() == DeliveryStatus.PENDING) {
                out.add(d);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public synchronized DeliveryCounts countByStatus(CampaignId campaign) {
        DeliveryCounts n = DeliveryCounts.ZERO;
        for (Delivery d : byCampaign.getOrDefault(campaign, new TreeMap<>()).values()) {
            n = n.plus(d.counted());
        }
        return n;
    }

    @Override
    public synchronized Page<Delivery> list(CampaignId campaign, Optional<DeliveryStatus> status, PageRequest page) {
        Cursors.requireId(page.cursor());
        TreeMap<String, Delivery> all = byCampaign.getOrDefault(campaign, new TreeMap<>());
        Map<String, Delivery> tail = page.cursor() == null ? all : all.tailMap(page.cursor(), false);
        List<Delivery> out = new ArrayList<>();
        for (Delivery d : tail.values()) {
            if (status.isPresent() && d.status() != status.get()) {
                continue;
            }
            if (out.size() == page.limit()) {
                return new Page<>(out, out.get(out.size() - 1).id().value());
            }
            out.add(d);
        }
        return new Page<>(out, null);
    }

    @Override
    public synchronized Page<Delivery> listForCustomer(CustomerId customer, PageRequest page) {
        Cursors.TimeAndId after = page.cursor() == null ? null : Cursors.requireTimeAndId(page.cursor());
        Comparator<Delivery> newestFirst = Comparator.comparing(Delivery::createdAt)
                .thenComparing(d -> d.id().value()).reversed();
        List<Delivery> mine = byCustomer.getOrDefault(customer, Set.of()).stream().map(rows::get)
                .filter(d -> after == null || d.createdAt().isBefore(after.at())
                        || d.createdAt().equals(after.at()) && d.id().value().compareTo(after.id()) < 0)
                .sorted(newestFirst).toList();
        if (mine.size() <= page.limit()) {
            return new Page<>(mine, null);
        }
        List<Delivery> out = mine.subList(0, page.limit());
        Delivery last = out.get(out.size() - 1);
        return new Page<>(out, Cursors.timeAndId(last.createdAt(), last.id().value()));
    }

    @Override
    public synchronized List<Activity> activity(CampaignId campaign, Instant origin, Duration bucket) {
        ActivityBuckets buckets = new ActivityBuckets(origin, bucket);
        for (Delivery d : byCampaign.getOrDefault(campaign, new TreeMap<>()).values()) {
            buckets.add(d.status(), d.dispatchedAt(), d.finishedAt());
        }
        return buckets.result();
    }

    @Override
    public synchronized Map<CustomerId, Long> recentMessageCounts(Collection<CustomerId> customers, CampaignId excluding,
                                                                  Instant since) {
        Map<CustomerId, Long> out = new HashMap<>();
        for (CustomerId c : customers) {
            long n = 0;
            for (DeliveryId id : byCustomer.getOrDefault(c, Set.of())) {
                Delivery d = rows.get(id);
                if (!d.campaignId().equals(excluding) && !d.createdAt().isBefore(since)
                        && (d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.SENT)) {
                    n++;
                }
            }
            if (n > 0) {
                out.put(c, n);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<SendWindow> sendWindow(CampaignId campaign) {
        Instant first = null;
        Instant last = null;
        for (Delivery d : byCampaign.getOrDefault(campaign, new TreeMap<>()).values()) {
            Instant t = d.dispatchedAt();
            if (t != null) {
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
        }
        return first == null ? Optional.empty() : Optional.of(new SendWindow(first, last));
    }

    @Override
    public synchronized boolean exists(CampaignId campaign, CustomerId customer) {
        return rows.containsKey(DeliveryId.of(campaign, customer));
    }

    /** Every row of a campaign (tests). */
    public synchronized List<Delivery> all(CampaignId campaign) {
        return new ArrayList<>(byCampaign.getOrDefault(campaign, new TreeMap<>()).values());
    }
}
