package io.minicrm.adapter.mongo.customer;

import com.mongodb.client.MongoCollection;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.domain.customer.Customer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.BsonDocument;

/** Test helper: stores prepared {@link Customer}s as they are (ids, histories and all) through the mapper. */
public final class StoredCustomers {
    private StoredCustomers() {
    }

    public static MongoCollection<BsonDocument> collection(MongoStore store) {
        return store.database().getCollection(MongoStore.CUSTOMERS, BsonDocument.class);
    }

    public static void insert(MongoStore store, Collection<Customer> customers) {
        List<BsonDocument> docs = new ArrayList<>();
        for (Customer c : customers) {
            docs.add(CustomerDocuments.toDocument(c, 0));
        }
        if (!docs.isEmpty()) {
            collection(store).insertMany(docs);
        }
    }
}
