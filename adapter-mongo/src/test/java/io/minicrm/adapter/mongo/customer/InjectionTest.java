package io.minicrm.adapter.mongo.customer;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.Fixtures;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.syntax.CanonicalRuleReader;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.minicrm.application.contract.Fixtures.map;
import static io.minicrm.application.contract.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a client writes in a rule is matched literally: operator-looking JSON, regex syntax and
 * JavaScript are plain text to compare with, never a query operator, a regex or a field name.
 */
class InjectionTest {
    private static final Instant NOW = Fixtures.NOW;
    private static final List<String> HOSTILE = List.of("{\"$gt\": \"\"}", ".*", "^admin", "$where", "admin$",
            "a|b", "\\", "(?i)ADMIN", "this.x == 1", "'; return true; var x='", "$ne", "[a-z]+");
    private static TestMongo.Store db;
    private static CustomerRepository repo;
    private static Map<String, CustomerId> byName;

    @BeforeAll
    static void storeCustomersNamedLikeAttacks() {
        db = TestMongo.newStore();
        repo = db.store().customers();
        List<io.minicrm.domain.customer.CustomerProfile> profiles = new java.util.ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            profiles.add(profile("email", "h" + i + "@example.com", "name", HOSTILE.get(i), "city", "Pune",
                    "attributes", map("note", HOSTILE.get(i))));
        }
        profiles.add(profile("email", "admin@example.com", "name", "admin", "city", "Pune", "attributes", map("note", "admin")));
        profiles.add(profile("email", "plain@example.com", "name", "ab", "city", "Pune", "attributes", map("note", "ab")));
        List<CustomerId> ids = repo.upsertAll(profiles, Fixtures.ids(), NOW).ids();
        byName = new java.util.HashMap<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            byName.put(HOSTILE.get(i), ids.get(i));
        }
        byName.put("admin", ids.get(HOSTILE.size()));
        byName.put("ab", ids.get(HOSTILE.size() + 1));
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static Rule rule(Object tree) {
        return CanonicalRuleReader.read(tree);
    }

    private static List<CustomerId> matching(Object tree) {
        return repo.matchingIds(rule(tree), NOW, null, 100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$gt\": \"\"}", ".*", "^admin", "$where", "admin$", "a|b", "\\", "(?i)ADMIN",
            "this.x == 1", "'; return true; var x='", "$ne", "[a-z]+"})
    void hostileText_isMatchedLiterally_byEveryStringOperator(String text) {
        CustomerId only = byName.get(text);
        for (String op : List.of("eq", "contains", "startsWith", "endsWith")) {
            assertThat(matching(map("field", "name", "op", op, "value", text))).as("name %s %s", op, text)
                    .containsExactly(only);
            assertThat(matching(map("field", "attributes.note", "op", op, "value", text))).as("attributes.note %s %s", op, text)
                    .containsExactly(only);
        }
        assertThat(matching(map("field", "name", "op", "in", "value", List.of(text)))).containsExactly(only);
        assertThat(repo.count(rule(map("field", "name", "op", "ne", "value", text)), NOW)).isEqualTo(byName.size() - 1);
        assertThat(repo.count(rule(map("field", "name", "op", "notContains", "value", text)), NOW))
                .isEqualTo(byName.size() - byName.keySet().stream().filter(n -> n.contains(text)).count());
    }

    @Test
    void anOperatorObjectAsAValue_isRefusedByTheRuleReader_notSentAsAQuery() {
        assertThatThrownBy(() -> rule(map("field", "name", "op", "eq", "value", Map.of("$gt", ""))))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> rule(map("field", "$where", "op", "eq", "value", "1")))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> rule(map("field", "attributes.$where", "op", "eq", "value", "1")))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> rule(map("field", "attributes.a.b", "op", "eq", "value", "1")))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> new AttributeField("x.$gt")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileValues_appearInTheFilterOnlyAsValues() {
        for (String text : HOSTILE) {
            BsonDocument filter = RuleFilter.of(rule(map("or", List.of(map("field", "name", "op", "eq", "value", text),
                    map("field", "attributes.note", "op", "contains", "value", text),
                    map("field", "tags", "op", "containsAny", "value", List.of(text))))), NOW);
            assertThat(FilterKeys.keysOf(filter)).allSatisfy(k -> assertThat(FilterKeys.isAllowed(k)).as(k).isTrue());
        }
    }

    @Test
    void regexLookalikes_doNotMatchWhatTheRegexWould() {
        // ".*" as a regex would match everyone; "^admin" would match "admin"; "a|b" would match "ab"
        assertThat(matching(map("field", "name", "op", "contains", "value", ".*"))).containsExactly(byName.get(".*"));
        assertThat(matching(map("field", "name", "op", "startsWith", "value", "^admin"))).containsExactly(byName.get("^admin"));
        assertThat(matching(map("field", "name", "op", "contains", "value", "a|b"))).containsExactly(byName.get("a|b"));
        assertThat(matching(map("field", "name", "op", "eq", "value", "(?i)admin"))).as("case-insensitive, not a regex flag")
                .containsExactly(byName.get("(?i)ADMIN"));
    }
}
