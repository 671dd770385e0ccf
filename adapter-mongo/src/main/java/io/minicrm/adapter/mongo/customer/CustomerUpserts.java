package io.minicrm.adapter.mongo.customer;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import io.minicrm.adapter.mongo.support.Lookups;
import io.minicrm.adapter.mongo.support.MongoErrors;
import io.minicrm.adapter.mongo.support.Retry;
import io.minicrm.application.port.CustomerRepository.UpsertResult;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.types.ObjectId;

import static io.minicrm.adapter.mongo.customer.CustomerFields.*;

/**
 * The bulk upsert of customers, insert-first: the batch is inserted as new customers with one
 * unordered {@code insertMany}; the rows refused with a duplicate key (their e-mail exists) are read,
 * changed with {@link Customer#withProfile} and written back in one unordered bulk of compare-and-set
 * replacements ({@code {_id, version}}). When most of the previous batch already existed (a file
 * imported again), the next batch is read first and only its new e-mails are inserted, sparing the
 * server a thousand doomed inserts. Replacements that matched nothing lost a race: those customers
 * are read again and the profile merged again, until every profile is in. When fewer replacements
 * matched than were sent, the ones that went through are told apart by the bulk's {@code writeToken}
 * (a fresh ObjectId per bulk).
 */
final class CustomerUpserts {
    private static final int MAX_ROUNDS = 100;
    /** Customers per insertMany when a batch is sent in slices. */
    static final int SLICE = 250;

    private final MongoCollection<BsonDocument> customers;
    private final Lookups lookups;
    /** Two threads that send slices of a batch while the caller's thread builds the next slice. */
    private final ExecutorService senders;
    /** Whether most of the last batch existed: then the next one is read first and only the new rows inserted. */
    private volatile boolean mostlyExisting;

    CustomerUpserts(MongoCollection<BsonDocument> customers, Lookups lookups) {
        this.customers = customers;
        this.lookups = lookups;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "customer-upsert-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the sender threads. */
    void close() {
        senders.shutdownNow();
    }

    UpsertResult upsertAll(List<CustomerProfile> profiles, IdGenerator ids, Instant now) {
        int n = profiles.size();
        if (n == 0) {
            return new UpsertResult(List.of(), 0, 0, 0);
        }
        CustomerId[] out = new CustomerId[n];
        Map<Email, BsonDocument> prefetched = Map.of();
        List<Integer> toInsert = new ArrayList<>(n);
        if (mostlyExisting) {
            prefetched = findByEmails(profiles.stream().map(CustomerProfile::email).toList());
        }
        Set<Integer> existing = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (prefetched.containsKey(profiles.get(i).email())) {
                existing.add(i);
            } else {
                toInsert.add(i);
            }
        }
        List<BsonDocument> docs = new ArrayList<>(toInsert.size());
        Set<Integer> duplicates = insertNew(toInsert, profiles, ids, now, docs);
        for (int k = 0; k < toInsert.size(); k++) {
            if (duplicates.contains(k)) {
                existing.add(toInsert.get(k));
            } else {
                out[toInsert.get(k)] = CustomerId.of(docs.get(k).getString(ID).getValue());
            }
        }
        int[] counts = new int[3]; // updated, unchanged, inserted on a second try
        Map<Integer, ValidationException> refused = new HashMap<>();
        if (!existing.isEmpty()) {
            mergeIntoExisting(profiles, existing, prefetched, ids, now, out, counts, refused);
        }
        mostlyExisting = existing.size() * 2 > n;
        int inserted = n - existing.size() + counts[2];
        return new UpsertResult(java.util.Arrays.asList(out), inserted, counts[0], counts[1], refused);
    }

    /**
     * Builds and inserts new customers for the profiles at {@code indexes} (their documents go to
     * {@code docs}, aligned); returns the positions in {@code docs} refused with a duplicate key. A large
     * batch is sent in slices by the sender threads while the next slice is built, so building documents
     * here and storing them on the server overlap.
     */
    private Set<Integer> insertNew(List<Integer> indexes, List<CustomerProfile> profiles, IdGenerator ids, Instant now,
                                   List<BsonDocument> docs) {
        List<Future<Set<Integer>>> sent = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (int from = 0; from < indexes.size(); from += SLICE) {
            int to = Math.min(indexes.size(), from + SLICE);
            List<BsonDocument> slice = new ArrayList<>(to - from);
            for (int i : indexes.subList(from, to)) {
                Customer c = Customer.create(CustomerId.of(ids.newId()), profiles.get(i), now);
                slice.add(CustomerDocuments.toDocument(c, 0));
            }
            docs.addAll(slice);
            if (from == 0 && to == indexes.size()) {
                return insertUnordered(slice); // one slice: no hand-over
            }
            sent.add(senders.submit(() -> insertUnordered(slice)));
            offsets.add(from);
        }
        Set<Integer> duplicates = new HashSet<>();
        for (int k = 0; k < sent.size(); k++) {
            for (int d : await(sent.get(k))) {
                duplicates.add(offsets.get(k) + d);
            }
        }
        return duplicates;
    }

    private static Set<Integer> await(Future<Set<Integer>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inserting customers", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Inserts unordered; returns the indexes refused with a duplicate key. */
    private Set<Integer> insertUnordered(List<BsonDocument> docs) {
        try {
            customers.insertMany(docs, new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            return MongoErrors.duplicateIndexes(e);
        }
    }

    /**
     * The profiles at {@code pending} have an e-mail that exists: merge each into the stored customer
     * with compare-and-set, re-reading the ones that changed meanwhile.
     */
    private void mergeIntoExisting(List<CustomerProfile> profiles, Set<Integer> pending, Map<Email, BsonDocument> prefetched,
                                   IdGenerator ids, Instant now, CustomerId[] out, int[] counts,
                                   Map<Integer, ValidationException> refused) {
        Set<Integer> todo = new HashSet<>(pending);
        for (int round = 0; !todo.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("customers are being changed concurrently; gave up after "
                        + MAX_ROUNDS + " attempts");
            }
            Retry.pause(round);
            Map<Email, Integer> byEmail = new LinkedHashMap<>();
            for (int i : todo) {
                byEmail.put(profiles.get(i).email(), i);
            }
            Map<Email, BsonDocument> stored = round == 0 && prefetched.keySet().containsAll(byEmail.keySet())
                    ? prefetched : findByEmails(byEmail.keySet());
            ObjectId token = new ObjectId();
            List<WriteModel<BsonDocument>> writes = new ArrayList<>();
            Map<String, Integer> written = new HashMap<>();
            Set<Integer> next = new HashSet<>();
            for (Map.Entry<Email, Integer> e : byEmail.entrySet()) {
                int i = e.getValue();
                BsonDocument doc = stored.get(e.getKey());
                if (doc == null) {
                    // the duplicate was the generated _id, not the e-mail (or the customer vanished): insert anew
                    Customer c = Customer.create(CustomerId.of(ids.newId()), profiles.get(i), now);
                    if (insertUnordered(List.of(CustomerDocuments.toDocument(c, 0))).isEmpty()) {
                        out[i] = c.id();
                        counts[2]++;
                    } else {
                        next.add(i);
                    }
                    continue;
                }
                Customer current = CustomerDocuments.fromDocument(doc);
                Customer changed;
                try {
                    changed = current.withProfile(profiles.get(i), now);
                } catch (ValidationException refusal) {
                    out[i] = null;
                    refused.put(i, refusal);
                    continue;
                }
                out[i] = current.id();
                if (changed == current) {
                    counts[1]++;
                    continue;
                }
                long version = CustomerDocuments.versionOf(doc);
                BsonDocument replacement = CustomerDocuments.toDocument(changed, version + 1);
                replacement.put(WRITE_TOKEN, new BsonObjectId(token));
                writes.add(new ReplaceOneModel<>(MongoCustomerRepository.casFilter(current.id(), version), replacement));
                written.put(current.id().value(), i);
            }
            if (!writes.isEmpty()) {
                BulkWriteResult r = customers.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                if (r.getMatchedCount() == writes.size()) {
                    counts[0] += writes.size();
                } else {
                    Set<String> mine = writtenWith(token, written.keySet());
                    for (Map.Entry<String, Integer> w : written.entrySet()) {
                        if (mine.contains(w.getKey())) {
                            counts[0]++;
                        } else {
                            next.add(w.getValue());
                        }
                    }
                }
            }
            todo = next;
        }
    }

    /** Which of {@code ids} were last written by the bulk write with {@code token}. */
    private Set<String> writtenWith(ObjectId token, Collection<String> ids) {
        Set<String> out = new HashSet<>();
        BsonObjectId mine = new BsonObjectId(token);
        lookups.find(customers, ID, ids, new BsonDocument(WRITE_TOKEN, new BsonInt32(1)), d -> {
            if (mine.equals(d.get(WRITE_TOKEN))) {
                out.add(d.getString(ID).getValue());
            }
        });
        return out;
    }

    private Map<Email, BsonDocument> findByEmails(Collection<Email> emails) {
        Map<Email, BsonDocument> out = new HashMap<>();
        lookups.find(customers, EMAIL, emails.stream().map(Email::value).toList(), null,
                d -> out.put(new Email(d.getString(EMAIL).getValue()), d));
        return out;
    }
}
