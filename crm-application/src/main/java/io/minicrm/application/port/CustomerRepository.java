package io.minicrm.application.port;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Customers, keyed by id and unique by e-mail. Implementations must be safe under concurrent use by
 * several processes: no lost update, no duplicate e-mail, whatever the interleaving.
 */
public interface CustomerRepository {

    /**
     * What {@link #upsertAll} did. {@code ids} is aligned with the input profiles ({@code null} where refused);
     * {@code refused} maps the index of each profile the stored customer could not take (e.g. an imported total
     * that would pass the limit with the orders already counted) to the reason; nothing was written for it.
     */
    record UpsertResult(List<CustomerId> ids, int inserted, int updated, int unchanged,
                        Map<Integer, ValidationException> refused) {
        public UpsertResult {
            ids = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ids)); // refused rows have no id
            refused = Map.copyOf(refused);
        }

        public UpsertResult(List<CustomerId> ids, int inserted, int updated, int unchanged) {
            this(ids, inserted, updated, unchanged, Map.of());
        }
    }

    /**
     * For each profile: creates the customer ({@link Customer#create} with a new id) when the e-mail is
     * new, else updates it ({@link Customer#withProfile}). Idempotent; two writers racing on the same
     * e-mail end with one customer holding both changes, never an error. Profiles in one call have
     * distinct e-mails. A profile the stored customer refuses ({@code withProfile} throws a
     * {@link ValidationException}) is reported in {@link UpsertResult#refused()}; the others are written.
     */
    UpsertResult upsertAll(List<CustomerProfile> profiles, IdGenerator ids, Instant now);

    Optional<Customer> findById(CustomerId id);

    Optional<Customer> findByEmail(Email email);

    /** The customers that exist among {@code ids}. */
    Map<CustomerId, Customer> findByIds(Collection<CustomerId> ids);

    /** Resolves e-mails to ids (those that exist). */
    Map<Email, CustomerId> idsByEmail(Collection<Email> emails);

    /**
     * Applies {@code change} atomically (compare-and-set, retried on conflict). {@code change} is a pure
     * function and may run more than once. Empty when the customer does not exist.
     */
    Optional<Customer> update(CustomerId id, UnaryOperator<Customer> change);

    /** All customers, newest first. */
    Page<Customer> list(PageRequest page);

    long countAll();

    /** Number of customers matching {@code rule}, with relative dates measured from {@code now}. */
    long count(Rule rule, Instant now);

    /** Up to {@code n} matching customers (newest first). */
    List<Customer> sample(Rule rule, Instant now, int n);

    /** What a rule selects: how many match, how many of those have not opted out, and the newest few. */
    record RulePreview(long count, long reachable, List<Customer> sample) {
        public RulePreview {
            sample = List.copyOf(sample);
        }
    }

    /**
     * The number of customers matching {@code rule}, how many of them have not opted out, and up to
     * {@code sampleSize} of them (newest first). Both counts come from one pass over the customers, like
     * {@link #count}; the sample reads the newest matches only.
     */
    RulePreview preview(Rule rule, Instant now, int sampleSize);

    /** Matching customers, newest first, paged. */
    Page<Customer> matching(Rule rule, Instant now, PageRequest page);

    /**
     * Ids of matching customers in ascending id order, strictly after {@code after} (null: from the
     * start), at most {@code limit}. Keyset paging: memory stays bounded however many match.
     */
    List<CustomerId> matchingIds(Rule rule, Instant now, CustomerId after, int limit);
}
