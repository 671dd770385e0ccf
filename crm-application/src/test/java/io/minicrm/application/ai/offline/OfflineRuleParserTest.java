package io.minicrm.application.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.AiAssistant;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.syntax.CanonicalRuleReader;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.syntax.DslPrinter;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The offline English-to-rule reader: each phrasing against the rule it must mean, written in the DSL. */
class OfflineRuleParserTest {
    private final OfflineAssistant offline = new OfflineAssistant();

    static Stream<Arguments> phrasings() {
        return Stream.of(
                // money
                Arguments.of("spent over 10,000", "totalSpent > 10000"),
                Arguments.of("customers who spent more than 5k", "totalSpent > 5000"),
                Arguments.of("total spend at least 2500.50", "totalSpent >= 2500.5"),
                Arguments.of("spent ₹1,00,000 or more", "totalSpent >= 100000"),
                Arguments.of("lifetime value above 2.5L", "totalSpent > 250000"),
                Arguments.of("spent less than Rs. 500", "totalSpent < 500"),
                Arguments.of("spent between 1000 and 5000", "totalSpent between 1000 and 5000"),
                Arguments.of("more than 10k in purchases", "totalSpent > 10000"),
                Arguments.of("spent at most 1 crore", "totalSpent <= 10000000"),
                Arguments.of("spent above INR 10000", "totalSpent > 10000"),
                Arguments.of("spent at least $500", "totalSpent >= 500"),
                Arguments.of("spent under 1,000 rupees", "totalSpent < 1000"),
                Arguments.of("spent below Rs.200", "totalSpent < 200"),
                Arguments.of("spent over 5000 INR", "totalSpent > 5000"),
                Arguments.of("spent more than Rs 750", "totalSpent > 750"),
                // the original frontend's placeholder, and time windows after an amount (they apply to the last order)
                Arguments.of("People who spent over \u20b95000 in last 30 days", "totalSpent > 5000 and lastOrderAt in last 30 days"),
                Arguments.of("people who spent over \u20b95000 in the last 30 days",
                        "totalSpent > 5000 and lastOrderAt in last 30 days"),
                Arguments.of("spent more than Rs 2,500 in the past 2 weeks", "totalSpent > 2500 and lastOrderAt in last 14 days"),
                Arguments.of("customers spending more than \u20b95k within the last 3 months",
                        "totalSpent > 5000 and lastOrderAt in last 90 days"),
                Arguments.of("spent at least $100 during the last week", "totalSpent >= 100 and lastOrderAt in last 7 days"),
                // counts
                Arguments.of("fewer than 3 visits", "visits < 3"),
                Arguments.of("less than 3 orders", "orderCount < 3"),
                Arguments.of("with more than five orders", "orderCount > 5"),
                Arguments.of("3 or more orders", "orderCount >= 3"),
                Arguments.of("ordered at least twice", "orderCount >= 2"),
                Arguments.of("visited more than 10 times", "visits > 10"),
                Arguments.of("exactly 1 order", "orderCount = 1"),
                Arguments.of("number of orders is above 4", "orderCount > 4"),
                Arguments.of("never ordered", "orderCount = 0"),
                Arguments.of("with no orders", "orderCount = 0"),
                Arguments.of("repeat customers", "orderCount >= 2"),
                // dates
                Arguments.of("haven't ordered in 90 days", "lastOrderAt not in last 90 days"),
                Arguments.of("haven't ordered in the last 3 months", "lastOrderAt not in last 90 days"),
                Arguments.of("people who have not shopped in 6 weeks", "lastOrderAt not in last 42 days"),
                Arguments.of("inactive for 60 days", "lastOrderAt not in last 60 days"),
                Arguments.of("inactive for the last 2 months", "lastOrderAt not in last 60 days"),
                Arguments.of("ordered in last 7 days", "lastOrderAt in last 7 days"),
                Arguments.of("active in last 2 weeks", "lastActiveAt in last 14 days"),
                Arguments.of("from Pune in the last 2 weeks", "city = \"Pune\" and lastOrderAt in last 14 days"),
                Arguments.of("who have not purchased anything in the last 2 months", "lastOrderAt not in last 60 days"),
                Arguments.of("inactive for 3 months", "lastOrderAt not in last 90 days"),
                Arguments.of("no orders in the past year", "lastOrderAt not in last 365 days"),
                Arguments.of("ordered in the last 30 days", "lastOrderAt in last 30 days"),
                Arguments.of("bought something within the past week", "lastOrderAt in last 7 days"),
                Arguments.of("joined in the last 7 days", "createdAt in last 7 days"),
                Arguments.of("new customers from the last month", "createdAt in last 30 days"),
                Arguments.of("signed up before 2024-01-01", "createdAt before 2024-01-01"),
                Arguments.of("joined in 2024", "createdAt between 2024-01-01 and 2024-12-31T23:59:59.999Z"),
                Arguments.of("active in the last 14 days", "lastActiveAt in last 14 days"),
                Arguments.of("haven't visited in 2 weeks", "lastActiveAt not in last 14 days"),
                // tags
                Arguments.of("tagged vip", "tags contains \"vip\""),
                Arguments.of("with tag VIP", "tags contains \"vip\""),
                Arguments.of("not tagged churned", "tags not contains \"churned\""),
                Arguments.of("with the wholesale tag", "tags contains \"wholesale\""),
                Arguments.of("tagged vip or gold", "tags contains any [\"vip\", \"gold\"]"),
                Arguments.of("tagged vip and gold", "tags contains all [\"vip\", \"gold\"]"),
                Arguments.of("tagged \"big spender\"", "tags contains \"big spender\""),
                Arguments.of("with no tags", "tags is empty"),
                // city
                Arguments.of("from Pune", "city = \"Pune\""),
                Arguments.of("in Mumbai", "city = \"Mumbai\""),
                Arguments.of("city is Delhi", "city = \"Delhi\""),
                Arguments.of("living in New Delhi", "city = \"New Delhi\""),
                Arguments.of("from Pune, Mumbai or Delhi", "city in [\"Pune\", \"Mumbai\", \"Delhi\"]"),
                Arguments.of("not from Pune", "city != \"Pune\""),
                // opt-out
                Arguments.of("opted out", "optedOut = true"),
                Arguments.of("subscribed", "optedOut = false"),
                Arguments.of("who have not unsubscribed", "optedOut = false"),
                // text fields
                Arguments.of("name contains raj", "name contains \"raj\""),
                Arguments.of("email ends with @gmail.com", "email ends with \"@gmail.com\""),
                Arguments.of("with a gmail address", "email ends with \"@gmail.com\""),
                Arguments.of("phone starts with +91", "phone starts with \"+91\""),
                Arguments.of("without a phone number", "not phone exists"),
                // attributes
                Arguments.of("plan is gold", "attributes.plan = \"gold\""),
                Arguments.of("on the gold plan", "attributes.plan = \"gold\""),
                Arguments.of("loyaltyPoints over 500", "attributes.loyaltyPoints > 500"),
                Arguments.of("attributes.newsletter = yes", "attributes.newsletter = true"),
                Arguments.of("tier is not basic", "attributes.tier != \"basic\""),
                // combinations
                Arguments.of("spent over 10k and visited fewer than 3 times",
                        "totalSpent > 10000 and visits < 3"),
                Arguments.of("customers in Mumbai who spent more than 10k", "city = \"Mumbai\" and totalSpent > 10000"),
                Arguments.of("tagged vip from Pune", "tags contains \"vip\" and city = \"Pune\""),
                Arguments.of("spent over 10,000 or fewer than 3 visits and haven't ordered in 90 days",
                        "totalSpent > 10000 or visits < 3 and lastOrderAt not in last 90 days"),
                Arguments.of("spent over 5000, from Pune or Mumbai, not tagged churned",
                        "totalSpent > 5000 and city in [\"Pune\", \"Mumbai\"] and tags not contains \"churned\""),
                Arguments.of("Customers who spent over 10k but haven't ordered in 3 months, except those tagged churned.",
                        "totalSpent > 10000 and lastOrderAt not in last 90 days and tags not contains \"churned\""),
                Arguments.of("subscribed customers with at least 2 orders in Delhi",
                        "optedOut = false and orderCount >= 2 and city = \"Delhi\""),
                Arguments.of("neither tagged spam nor opted out", "tags not contains \"spam\" and optedOut = false"),
                // the DSL itself
                Arguments.of("totalSpent > 10000 and city = \"Pune\"", "totalSpent > 10000 and city = \"Pune\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("phrasings")
    void readsThePhrasingAsTheExpectedRule(String english, String dsl) {
        AiAssistant.RuleProposal p = offline.proposeRule(new AiAssistant.RuleRequest(english, null, List.of()));
        Rule actual = CanonicalRuleReader.read(p.tree());
        Rule expected = DslParser.parse(dsl);
        assertThat(DslPrinter.print(actual)).as("as DSL").isEqualTo(DslPrinter.print(expected));
        assertThat(actual).isEqualTo(expected);
        assertThat(p.source()).isEqualTo("fallback");
    }

    @Test
    void theTableCoversAtLeastFortyPhrasings() {
        assertThat(phrasings().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"people who like cats", "spent a lot", "customers whose favourite colour", "xyzzy",
            "who love shoes", "(tagged vip or tagged gold) and from Pune"})
    void anUnreadablePhrasingIsA422ListingWhatIsUnderstood(String english) {
        assertThatThrownBy(() -> offline.proposeRule(new AiAssistant.RuleRequest(english, null, List.of())))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> {
                    List<Problem> problems = ((ValidationException) e).problems();
                    assertThat(problems).allSatisfy(p -> assertThat(p.path()).isEqualTo("/description"));
                    assertThat(problems.get(0).message()).startsWith("could not understand");
                    assertThat(problems.get(problems.size() - 1).message())
                            .contains("spent over 10,000", "haven't ordered in 90 days", "tagged vip", "from Pune",
                                    "and binds tighter than or");
                });
    }

    @Test
    void theProblemNamesTheClauseItCouldNotRead() {
        assertThatThrownBy(() -> offline.proposeRule(new AiAssistant.RuleRequest(
                "spent over 5k and likes cats", null, List.of())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).message())
                        .isEqualTo("could not understand \"likes cats\""));
    }

    @Test
    void the422SaysWhichWordsItUnderstood_andGivesAnExampleThatWorks() {
        assertThatThrownBy(() -> offline.proposeRule(new AiAssistant.RuleRequest(
                "from Pune and spent over Rs 5000 on shoes", null, List.of())))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    List<String> messages = e.problems().stream().map(Problem::message).toList();
                    assertThat(messages.get(0)).isEqualTo("could not understand \"spent over Rs 5000 on shoes\""
                            + " (stuck at \"on shoes\")");
                    assertThat(messages.get(1)).isEqualTo("understood \"from Pune\" as city = \"Pune\"; "
                            + "\"spent over Rs 5000\" as totalSpent > 5000");
                    assertThat(messages.get(2)).startsWith("for example, this works: ").contains(
                            "people who spent over \u20b95000 in the last 30 days");
                });
        assertThatThrownBy(() -> offline.proposeRule(new AiAssistant.RuleRequest("who love shoes", null, List.of())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(1).message())
                        .isEqualTo("understood none of its conditions"));
    }

    @Test
    void theExamplesOfferedIn422s_work() {
        java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("\"([^\"]+)\"").matcher(EnglishRuleParser.EXAMPLE);
        int examples = 0;
        while (quoted.find()) {
            String example = quoted.group(1);
            assertThat(offline.proposeRule(new AiAssistant.RuleRequest(example, null, List.of())).tree()).as(example)
                    .isNotNull();
            examples++;
        }
        assertThat(examples).isEqualTo(2);
    }

    @Test
    void aLongRamblingDescriptionIsRejectedPromptly() {
        String words = "from the in at who with not tagged spent over under city is name contains plan is ";
        String text = (words.repeat(20)).substring(0, EnglishRuleParser.MAX_LENGTH);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> offline.proposeRule(new AiAssistant.RuleRequest(text, null, List.of())))
                        .isInstanceOf(ValidationException.class));
    }

    @Test
    void anEmptyDescriptionIsA422() {
        assertThatThrownBy(() -> offline.proposeRule(new AiAssistant.RuleRequest("  ", null, List.of())))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aValueBeyondTheDomainLimitsIsA422WithThePath() {
        assertThatThrownBy(() -> offline.proposeRule(new AiAssistant.RuleRequest(
                "haven't ordered in 200 years", null, List.of())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.path()).startsWith("/rules")));
    }
}
