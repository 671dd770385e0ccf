package io.minicrm.application.customer;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.support.BulkResult;
import io.minicrm.application.support.Chunks;
import io.minicrm.application.support.RowError;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ingests customers: upserts them by e-mail in chunks, reporting every row that was not written by its
 * index (rows the adapter could not read arrive already rejected in the {@link CustomerBatch}). Rows for the same e-mail in one request are applied
 * in order. A row the stored customer cannot take (an imported total that, with the orders already
 * counted, would pass the limit of an amount) is rejected too, and nothing is written for it.
 */
public final class IngestCustomers {
    /** Most rows in one request. */
    public static final int MAX_ROWS = 10_000;
    static final int CHUNK = 1000;

    private final CustomerRepository customers;
    private final IdGenerator ids;
    private final Clock clock;
    private final Metrics metrics;

    public IngestCustomers(CustomerRepository customers, IdGenerator ids, Clock clock, Metrics metrics) {
        this.customers = customers;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Upserts these customers by e-mail (all or nothing per customer: a customer the store refuses is
     * reported by its index in the list).
     * @throws ValidationException when the list is empty or longer than {@value #MAX_ROWS}
     */
    public BulkResult ingest(List<CustomerProfile> customers) {
        return ingest(CustomerBatch.of(customers));
    }

    /**
     * Upserts the batch's valid rows; its rejected rows are reported as they are. The result's ids are
     * aligned with the batch's rows (null where rejected).
     * @throws ValidationException when the batch has no rows or more than {@value #MAX_ROWS}
     */
    public BulkResult ingest(CustomerBatch validated) {
        requireSize(validated.total());
        int total = validated.total();
        int firstIndex = validated.firstIndex();
        long started = System.nanoTime();
        String[] idByIndex = new String[total];
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        List<RowError> rejected = new ArrayList<>(validated.rejected());
        for (List<CustomerBatch.Row> round : distinctEmailRounds(validated.valid())) {
            for (List<CustomerBatch.Row> chunk : Chunks.of(round, CHUNK)) {
                List<CustomerProfile> profiles = chunk.stream().map(CustomerBatch.Row::profile).toList();
                CustomerRepository.UpsertResult r = customers.upsertAll(profiles, ids, clock.instant());
                inserted += r.inserted();
                updated += r.updated();
                unchanged += r.unchanged();
                r.refused().forEach((i, why) -> rejected.add(new RowError(chunk.get(i).index(), why.problems())));
                for (int i = 0; i < chunk.size(); i++) {
                    int slot = chunk.get(i).index() - firstIndex;
                    if (slot >= 0 && slot < total) {
                        CustomerId id = r.ids().get(i);
                        idByIndex[slot] = id == null ? null : id.value();
                    }
                }
            }
        }
        int accepted = validated.valid().size() - (rejected.size() - validated.rejected().size());
        rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
        metrics.count("crm.ingest.rows", accepted, "kind", "customers", "outcome", "accepted");
        metrics.count("crm.ingest.rows", rejected.size(), "kind", "customers", "outcome", "rejected");
        metrics.count("crm.ingest.nanos", System.nanoTime() - started, "kind", "customers");
        return new BulkResult(accepted, rejected, inserted, updated, unchanged, Arrays.asList(idByIndex));
    }

    /** Splits rows so that no round holds the same e-mail twice; later rows go to later rounds. */
    static List<List<CustomerBatch.Row>> distinctEmailRounds(List<CustomerBatch.Row> rows) {
        List<List<CustomerBatch.Row>> rounds = new ArrayList<>();
        List<Set<Email>> seen = new ArrayList<>();
        java.util.Map<Email, Integer> lastRound = new java.util.HashMap<>();
        for (CustomerBatch.Row row : rows) {
            int round = lastRound.getOrDefault(row.profile().email(), -1) + 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
                seen.add(new HashSet<>());
            }
            rounds.get(round).add(row);
            seen.get(round).add(row.profile().email());
            lastRound.put(row.profile().email(), round);
        }
        return rounds;
    }

    static void requireSize(int n) {
        if (n == 0) {
            throw new ValidationException("", "no rows: send one object or a non-empty array");
        }
        if (n > MAX_ROWS) {
            throw new ValidationException("", "at most " + MAX_ROWS + " rows per request; got " + n
                    + " (use the CSV import for larger files)");
        }
    }
}
