package io.minicrm.domain.order;

import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;

/** How an ingested order names its customer: by id or by e-mail. */
public sealed interface CustomerRef permits CustomerRef.ById, CustomerRef.ByEmail {
    /** By the customer's id. */
    record ById(CustomerId id) implements CustomerRef {
    }

    /** By the customer's e-mail address. */
    record ByEmail(Email email) implements CustomerRef {
    }
}
