package io.minicrm.adapter.mongo.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import java.util.HashSet;
import java.util.Set;

/** Recognises MongoDB write errors, above all duplicate keys (code 11000) of unique indexes. */
public final class MongoErrors {
    private MongoErrors() {
    }

    public static boolean isDuplicateKey(MongoWriteException e) {
        return e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    public static boolean isDuplicateKey(BulkWriteError e) {
        return e.getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /**
     * Indexes (in the bulk's input order) of the operations that failed on a duplicate key. Any other
     * write error, or a write-concern error, is rethrown: only duplicates are an expected outcome.
     */
    public static Set<Integer> duplicateIndexes(MongoBulkWriteException e) {
        Set<Integer> dups = new HashSet<>();
        for (BulkWriteError err : e.getWriteErrors()) {
            if (!isDuplicateKey(err)) {
                throw e;
            }
            dups.add(err.getIndex());
        }
        if (e.getWriteConcernError() != null) {
            throw e;
        }
        return dups;
    }
}
