package io.minicrm.adapter.mongo.user;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.MongoErrors;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.application.port.UserRepository;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.user.User;
import io.minicrm.domain.user.UserId;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * Users on MongoDB, unique by identity-provider subject (unique index). Layout version 1: {@code _id},
 * {@code schemaVersion}, {@code subject}, {@code email}, {@code name?}, {@code pictureUrl?},
 * {@code role} (ADMIN | MEMBER), {@code createdAt}, {@code lastLoginAt}.
 */
public final class MongoUserRepository implements UserRepository {
    static final int SCHEMA_VERSION = 1;
    private final MongoCollection<BsonDocument> users;

    public MongoUserRepository(MongoCollection<BsonDocument> users) {
        this.users = users;
    }

    public static void createIndexes(MongoCollection<BsonDocument> users) {
        users.createIndex(new BsonDocument("subject", new BsonInt32(1)), new IndexOptions().unique(true).name("subject_unique"));
    }

    @Override
    public void save(User user) {
        try {
            users.replaceOne(new BsonDocument("_id", new BsonString(user.id().value())), toDocument(user),
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                throw new IllegalStateException("another user has subject " + user.subject(), e);
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.find(new BsonDocument("_id", new BsonString(id.value()))).first())
                .map(MongoUserRepository::fromDocument);
    }

    @Override
    public Optional<User> findBySubject(String subject) {
        return Optional.ofNullable(users.find(new BsonDocument("subject", new BsonString(subject))).first())
                .map(MongoUserRepository::fromDocument);
    }

    static BsonDocument toDocument(User u) {
        BsonDocument d = new BsonDocument("_id", new BsonString(u.id().value()));
        d.put(Schema.FIELD, new BsonInt32(SCHEMA_VERSION));
        d.put("subject", new BsonString(u.subject()));
        d.put("email", new BsonString(u.email().value()));
        Bsons.putIfPresent(d, "name", u.name());
        Bsons.putIfPresent(d, "pictureUrl", u.pictureUrl());
        d.put("role", new BsonString(u.role().name()));
        d.put("createdAt", Bsons.date(u.createdAt()));
        d.put("lastLoginAt", Bsons.date(u.lastLoginAt()));
        return d;
    }

    static User fromDocument(BsonDocument d) {
        Schema.versionOf(d, SCHEMA_VERSION);
        return new User(new UserId(Bsons.string(d, "_id")), Bsons.string(d, "subject"), new Email(Bsons.string(d, "email")),
                Bsons.optString(d, "name"), Bsons.optString(d, "pictureUrl"), User.Role.valueOf(Bsons.string(d, "role")),
                Bsons.instant(d, "createdAt"), Bsons.optInstant(d, "lastLoginAt"));
    }
}
