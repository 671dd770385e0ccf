package io.minicrm.adapter.mongo.customer;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import io.minicrm.adapter.mongo.support.Continuations;
import io.minicrm.adapter.mongo.support.Lookups;
import io.minicrm.adapter.mongo.support.Pages;
import io.minicrm.adapter.mongo.support.VersionedDocuments;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.shared.IdGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

import static io.minicrm.adapter.mongo.customer.CustomerFields.*;

/**
 * Customers on MongoDB, one document each ({@link CustomerFields}), unique by e-mail (unique index).
 *
 * <p>{@link #upsertAll} is insert-first ({@link CustomerUpserts}): the batch is inserted as new customers
 * with unordered {@code insertMany}; the rows refused with a duplicate key (their e-mail exists) are read,
 * changed with {@link Customer#withProfile} and written back with compare-and-set on {@code version}. So
 * new customers cost no read, and two writers racing on one e-mail end with one document holding both
 * changes: the loser of the insert merges its profile into the winner's document.
 *
 * <p>Every other change ({@link #update}) is compare-and-set on {@code version}, retried on conflict.
 * Rules are pushed down as filters ({@link RuleFilter}); {@link #matchingIds} keeps its server cursor
 * between pages ({@link Continuations}).
 */
public final class MongoCustomerRepository implements CustomerRepository, AutoCloseable {
    private static final BsonDocument ID_ASC = new BsonDocument(ID, new BsonInt32(1));
    private static final BsonDocument ID_DESC = new BsonDocument(ID, new BsonInt32(-1));
    private static final BsonDocument ONLY_ID = new BsonDocument(ID, new BsonInt32(1));

    private final MongoCollection<BsonDocument> customers;
    private final Continuations continuations;
    private final CustomerUpserts upserts;
    private final Lookups lookups;
    private final VersionedDocuments<Customer> versioned;

    /**
     * A repository on {@code customers}; {@code lookups} sizes the reads of many ids or e-mails at once,
     * {@code continuations} pages the id streams (see {@link Continuations#freshQueries()}).
     */
    public MongoCustomerRepository(MongoCollection<BsonDocument> customers, Lookups lookups, Continuations continuations) {
        this.continuations = continuations;
        this.customers = customers;
        this.lookups = lookups;
        this.upserts = new CustomerUpserts(customers, lookups);
        this.versioned = VersionedDocuments.of(customers, "customer", CustomerDocuments::fromDocument,
                        CustomerDocuments::toDocument, c -> c.id().value())
                .onDuplicateKey(c -> new IllegalArgumentException("another customer has the e-mail " + c.email()));
    }

    /**
     * Creates the indexes: unique e-mail; the fields rules most often filter on (used by MongoDB, ignored
     * by the embedded server); with {@code casIndex}, a unique {@code (_id, version)} index, which the
     * embedded server needs to answer a compare-and-set filter without a scan (it uses an index only when
     * the filter names exactly its fields; MongoDB uses the {@code _id} index and needs none).
     */
    public static void createIndexes(MongoCollection<BsonDocument> customers, boolean casIndex) {
        customers.createIndex(new BsonDocument(EMAIL, new BsonInt32(1)), new IndexOptions().unique(true).name("email_unique"));
        if (casIndex) {
            customers.createIndex(new BsonDocument(ID, new BsonInt32(1)).append(VERSION, new BsonInt32(1)),
                    new IndexOptions().unique(true).name("id_version_cas"));
        }
        customers.createIndex(new BsonDocument(TOTAL_SPENT_MINOR, new BsonInt32(1)), new IndexOptions().name("totalSpent"));
        customers.createIndex(new BsonDocument(LAST_ORDER_AT, new BsonInt32(1)), new IndexOptions().name("lastOrderAt"));
        customers.createIndex(new BsonDocument(TAGS, new BsonInt32(1)), new IndexOptions().name("tags"));
        customers.createIndex(new BsonDocument(CITY_FOLDED, new BsonInt32(1)), new IndexOptions().name("cityFolded"));
    }

    // ------------------------------------------------------------------ upsert

    @Override
    public UpsertResult upsertAll(List<CustomerProfile> profiles, IdGenerator ids, Instant now) {
        return upserts.upsertAll(profiles, ids, now);
    }

    static BsonDocument casFilter(CustomerId id, long version) {
        return new BsonDocument(ID, new BsonString(id.value())).append(VERSION, new BsonInt64(version));
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return Optional.ofNullable(customers.find(byId(id)).first()).map(CustomerDocuments::fromDocument);
    }

    @Override
    public Optional<Customer> findByEmail(Email email) {
        return Optional.ofNullable(customers.find(new BsonDocument(EMAIL, new BsonString(email.value()))).first())
                .map(CustomerDocuments::fromDocument);
    }

    @Override
    public Map<CustomerId, Customer> findByIds(Collection<CustomerId> ids) {
        Map<CustomerId, Customer> out = new HashMap<>();
        lookups.find(customers, ID, ids.stream().map(CustomerId::value).toList(), null, d -> {
            Customer c = CustomerDocuments.fromDocument(d);
            out.put(c.id(), c);
        });
        return out;
    }

    @Override
    public Map<Email, CustomerId> idsByEmail(Collection<Email> emails) {
        Map<Email, CustomerId> out = new HashMap<>();
        BsonDocument projection = new BsonDocument(ID, new BsonInt32(1)).append(EMAIL, new BsonInt32(1));
        lookups.find(customers, EMAIL, emails.stream().map(Email::value).toList(), projection, d ->
                out.put(new Email(d.getString(EMAIL).getValue()), CustomerId.of(d.getString(ID).getValue())));
        return out;
    }

    // ------------------------------------------------------------------ compare-and-set

    @Override
    public Optional<Customer> update(CustomerId id, UnaryOperator<Customer> change) {
        return versioned.update(id.value(), change);
    }

    // ------------------------------------------------------------------ listing and rules

    @Override
    public Page<Customer> list(PageRequest page) {
        return newestFirst(new BsonDocument(), page);
    }

    @Override
    public long countAll() {
        return customers.countDocuments();
    }

    @Override
    public long count(Rule rule, Instant now) {
        return customers.countDocuments(RuleFilter.of(rule, now));
    }

    @Override
    public List<Customer> sample(Rule rule, Instant now, int n) {
        if (n <= 0) {
            return List.of();
        }
        int limit = Math.max(1, Math.min(n, PageRequest.MAX_LIMIT));
        List<Customer> out = new ArrayList<>(limit);
        for (BsonDocument d : customers.find(RuleFilter.of(rule, now)).sort(ID_DESC).limit(limit)) {
            out.add(CustomerDocuments.fromDocument(d));
        }
        return out;
    }

    /**
     * One aggregation pass over the matching customers counts them, grouped by their opt-out flag (stored only
     * when true). The sample is read newest first and stops at the {@code sampleSize}-th match, so it reads a
     * few documents for most rules (skipped when nothing matches); only when every match is among the oldest
     * customers does it walk back that far. ({@code $topN} would fold it into the pass, but the embedded server
     * lacks it, and a {@code $max} of the ids to start the walk at costs the pass 40 % at 100,000 customers.)
     */
    @Override
    public RulePreview preview(Rule rule, Instant now, int sampleSize) {
        BsonDocument filter = RuleFilter.of(rule, now);
        List<BsonDocument> pipeline = List.of(new BsonDocument("$match", filter), new BsonDocument("$group",
                new BsonDocument(ID, new BsonString("$" + OPTED_OUT)).append("n", new BsonDocument("$sum", new BsonInt32(1)))));
        long count = 0;
        long optedOut = 0;
        for (BsonDocument g : customers.aggregate(pipeline)) {
            long n = g.getNumber("n").longValue();
            count += n;
            if (g.get(ID).isBoolean() && g.getBoolean(ID).getValue()) {
                optedOut += n;
            }
        }
        List<Customer> sample = new ArrayList<>();
        if (count > 0 && sampleSize > 0) {
            int limit = (int) Math.min(Math.min(sampleSize, PageRequest.MAX_LIMIT), count);
            for (BsonDocument d : customers.find(filter).sort(ID_DESC).limit(limit)) {
                sample.add(CustomerDocuments.fromDocument(d));
            }
        }
        return new RulePreview(count, count - optedOut, sample);
    }

    @Override
    public Page<Customer> matching(Rule rule, Instant now, PageRequest page) {
        return newestFirst(RuleFilter.of(rule, now), page);
    }

    @Override
    public List<CustomerId> matchingIds(Rule rule, Instant now, CustomerId after, int limit) {
        if (limit < 1) {
            return List.of();
        }
        BsonDocument filter = RuleFilter.of(rule, now);
        String key = "customers/ids?" + filter.toJson();
        List<BsonDocument> docs = continuations.page(key, after == null ? null : after.value(), limit,
                from -> idsAfter(filter, from), d -> d.getString(ID).getValue());
        List<CustomerId> out = new ArrayList<>(docs.size());
        for (BsonDocument d : docs) {
            out.add(CustomerId.of(d.getString(ID).getValue()));
        }
        return out;
    }

    private FindIterable<BsonDocument> idsAfter(BsonDocument filter, String after) {
        BsonDocument bound = new BsonDocument("$gt", new BsonString(after == null ? "" : after));
        // the bound as a top-level _id condition (rule filters never name _id): a server seeks it
        BsonDocument f = after == null ? filter
                : filter.containsKey(ID) ? RuleFilter.and(filter, new BsonDocument(ID, bound)) : filter.clone().append(ID, bound);
        return customers.find(f).projection(ONLY_ID).sort(ID_ASC);
    }

    /** A page in id-descending order; the cursor is the last id returned. */
    private Page<Customer> newestFirst(BsonDocument filter, PageRequest page) {
        return Pages.newestFirst(customers, filter, page, CustomerDocuments::fromDocument);
    }

    private static BsonDocument byId(CustomerId id) {
        return new BsonDocument(ID, new BsonString(id.value()));
    }

    /** Number of cursors kept open between pages of {@link #matchingIds} (tests, metrics). */
    int openCursors() {
        return continuations.openCursors();
    }

    /** Closes the cursors kept open for paging. */
    @Override
    public void close() {
        continuations.close();
        upserts.close();
    }
}
