package io.minicrm.application.ai.offline;

import static io.minicrm.application.ai.offline.Amounts.COUNT;
import static io.minicrm.application.ai.offline.Amounts.DATE;
import static io.minicrm.application.ai.offline.Amounts.DUR;
import static io.minicrm.application.ai.offline.Amounts.NUM;
import static io.minicrm.application.ai.offline.Amounts.TIMES;
import static io.minicrm.application.ai.offline.RuleMaking.and;
import static io.minicrm.application.ai.offline.RuleMaking.cond;
import static io.minicrm.application.ai.offline.RuleMaking.negate;
import static io.minicrm.application.ai.offline.RuleMaking.num;
import static io.minicrm.application.ai.offline.RuleMaking.or;
import static io.minicrm.application.ai.offline.RuleMaking.tag;
import static io.minicrm.application.ai.offline.RuleMaking.tags;
import static io.minicrm.application.ai.offline.RuleMaking.text;

import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.StandardField;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The English phrases the offline assistant understands, each a regular expression anchored at the
 * current position and a builder of its rule. Order matters: earlier entries are tried first. An
 * "open" entry ends in a free-text value (a city, a name) whose length the search chooses so that the
 * rest of the sentence still parses.
 */
final class Phrases {

    /** A recognised phrase, and how to extend it with more values ("from Pune, Mumbai or Delhi"). */
    record Phrase(Rule rule, Continuation more) {
        static Phrase of(Rule rule) {
            return new Phrase(rule, null);
        }

        Phrase negated() {
            return new Phrase(negate(rule), more == null ? null : (values, all) -> negate(more.with(values, all)));
        }
    }

    /** Builds the phrase's rule for several values; {@code all} when they were joined by "and". */
    @FunctionalInterface
    interface Continuation {
        Rule with(List<String> values, boolean all);
    }

    @FunctionalInterface
    interface Builder {
        Phrase build(Matcher m, String value);
    }

    /**
     * @param open      the entry ends in group {@code q} (quoted) or {@code v} (free words)
     * @param stopFirst even the first free word may not be a {@link #STOP} word ("in the last ..." is no city)
     */
    record Entry(String name, Pattern regex, boolean open, boolean stopFirst, Builder builder) {
    }

    private static final String END = "(?![\\p{L}\\p{N}])";
    private static final String CMP = "(?<cmp>not\\s+less\\s+than|not\\s+more\\s+than|no\\s+less\\s+than|no\\s+more\\s+than"
            + "|no\\s+fewer\\s+than|more\\s+than|greater\\s+than|higher\\s+than|larger\\s+than|bigger\\s+than|in\\s+excess\\s+of"
            + "|upwards\\s+of|exceeding|exceeds|over|above|beyond|at\\s+least|minimum(?:\\s+of)?|min\\.?|less\\s+than"
            + "|fewer\\s+than|lower\\s+than|smaller\\s+than|under|below|at\\s+most|up\\s+to|maximum(?:\\s+of)?|max\\.?"
            + "|exactly|equal\\s+to|equals|>=|=>|\u2265|<=|=<|\u2264|==|>|<|=)";
    private static final String MONEY = "(?:amount\\s+spent|total\\s+spend(?:ing)?|total\\s+spent|totalspent"
            + "|total\\s+purchases?(?:\\s+(?:value|amount))?|total\\s+order\\s+value|lifetime\\s+(?:value|spend)|ltv"
            + "|purchase\\s+value|revenue|spent|spends|spending|spend)";
    private static final String ORDER_VERB = "(?:ordered|order|purchased|purchase|bought|buy|shopped|shop"
            + "|placed\\s+(?:an?\\s+|any\\s+)?orders?|place\\s+(?:an?\\s+|any\\s+)?orders?"
            + "|made\\s+(?:an?\\s+|any\\s+)?(?:purchases?|orders?)|make\\s+(?:an?\\s+|any\\s+)?(?:purchases?|orders?))"
            + "(?:\\s+(?:something|anything|from\\s+us|with\\s+us))?";
    private static final String WITHIN = "(?:in|within|during|over|for)\\s+(?:the\\s+)?";
    private static final String IN_TOTAL = "(?:\\s+(?:in\\s+total|total|overall|so\\s+far|in\\s+all|ever))?";
    private static final String HAVE = "(?:(?:with|having|has|have|who\\s+have|who\\s+has|made|placed)\\s+)?";
    private static final String TAG = "(?:\"(?<q>[^\"]{1,256})\"|#?(?<v>[\\p{L}\\p{N}][\\p{L}\\p{N}_\\-]{0,63}))";
    private static final String CITY = "(?:\"(?<q>[^\"]{1,256})\"|(?<v>\\p{L}[\\p{L}.'\\-]*(?:\\s+\\p{L}[\\p{L}.'\\-]*){0,3}))";
    private static final String TEXT = "(?:\"(?<q>[^\"]{1,256})\"|(?<v>[^\\s\"]+(?:\\s+[^\\s\"]+){0,3}))";
    private static final String AVALUE = "(?:\"(?<q>[^\"]{1,256})\"|(?<v>[\\p{L}\\p{N}][\\p{L}\\p{N}_.'\\-]*"
            + "(?:\\s+[\\p{L}\\p{N}][\\p{L}\\p{N}_.'\\-]*){0,3}))";
    private static final String KEY = "(?:(?<pre>attributes?\\.|attribute\\s+|custom\\s+(?:field|attribute)\\s+))?"
            + "(?<key>[A-Za-z][A-Za-z0-9_]{0,63})";
    private static final String SFIELD = "(?<field>full\\s+name|first\\s+name|name|e-?mail(?:\\s+address)?|mail"
            + "|phone(?:\\s+number)?|mobile(?:\\s+number)?|city)";
    private static final String DOMAIN = "(?<dom>gmail|yahoo|hotmail|outlook|icloud|rediffmail|protonmail"
            + "|[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+)";

    /** Words that cannot be part of a free-text value (they start or join other phrases). */
    static final Set<String> STOP = Set.of("who", "whose", "that", "which", "with", "without", "having", "and", "or", "but",
            "not", "tagged", "spent", "spend", "spending", "ordered", "purchased", "bought", "visited", "joined", "signed",
            "registered", "opted", "subscribed", "unsubscribed", "inactive", "active", "in", "from", "at", "the", "last",
            "past", "over", "under", "more", "less", "fewer", "than", "least", "most", "is", "are", "was", "were", "has",
            "have", "customers", "customer", "users", "people", "a", "an", "since", "before", "after", "between",
            "during", "within", "on", "total", "living", "based", "located", "named", "called", "city", "tag", "tags");
    /** Words that are not custom attribute keys unless written as attributes.key. */
    private static final Set<String> NOT_KEYS;

    static {
        java.util.HashSet<String> s = new java.util.HashSet<>(STOP);
        for (StandardField f : StandardField.values()) {
            s.add(f.path().toLowerCase(Locale.ROOT));
            f.aliases().forEach(a -> s.add(a.toLowerCase(Locale.ROOT)));
        }
        s.addAll(List.of("total", "orders", "order", "visits", "visit", "purchases", "purchase", "first", "number", "count",
                "email", "phone", "mobile", "name", "all", "any", "no", "everyone", "those", "new", "recent", "repeat",
                "attribute", "attributes", "lifetime", "ltv", "revenue", "amount", "mail", "full", "e", "buyers", "value"));
        NOT_KEYS = Set.copyOf(s);
    }

    static final Pattern NEGATION = Pattern.compile("(?iu)(?:not|aren'?t|are\\s+not|isn'?t|is\\s+not|don'?t|do\\s+not"
            + "|doesn'?t|does\\s+not|haven'?t|have\\s+not|hasn'?t|has\\s+not|didn'?t|did\\s+not|weren'?t|were\\s+not"
            + "|wasn'?t|was\\s+not|no\\s+longer)(?![\\p{L}\\p{N}'])\\s*");
    static final Pattern FILLER = Pattern.compile("(?iu)(?:who|that|which|whose|and|also|are|is|were|was|have|has|had"
            + "|been|do|does|did|currently|still|only|all|the|any|every|customers?|users?|people|persons?|shoppers?"
            + "|buyers?|clients?|members?|contacts?|subscribers?|everyone|everybody|anyone|those|ones|them|show(?:\\s+me)?"
            + "|find|get|list|give\\s+me|select|target|segment(?:\\s+of)?|audience(?:\\s+of)?|please|i\\s+want|i\\s+need"
            + "|me|with\\s+us)(?![\\p{L}\\p{N}'])\\s*|[:\\-]\\s*");

    static final List<Entry> ENTRIES = List.of(
            // ---- never / none ----
            fixed("never ordered", "(?:(?:have|has|who\\s+have|who\\s+has)\\s+)?(?:never(?:\\s+ever)?|not\\s+(?:yet|ever)"
                    + "|haven'?t(?:\\s+(?:yet|ever))?|have\\s+not(?:\\s+(?:yet|ever))?|hasn'?t(?:\\s+(?:yet|ever))?"
                    + "|has\\s+not(?:\\s+(?:yet|ever))?|didn'?t\\s+ever|did\\s+not\\s+ever)\\s+" + ORDER_VERB
                    + "(?:\\s+(?:yet|ever|before))?"
                    // "haven't ordered in the last 3 months" is not "never ordered": a time follows
                    + "(?!\\s+(?:in|within|during|over|for)(?![\\p{L}\\p{N}]))",
                    (m, v) -> Phrase.of(num(StandardField.ORDER_COUNT, Operator.EQ, BigDecimal.ZERO))),
            fixed("no orders in", HAVE + "(?:no|zero)\\s+(?:orders?|purchases?)\\s+" + WITHIN + "(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ORDER_AT, Operator.NOT_IN_LAST_DAYS, m))),
            fixed("no orders", HAVE + "(?:no|zero|0)\\s+(?:orders?|purchases?)(?:\\s+(?:yet|ever|at\\s+all))?",
                    (m, v) -> Phrase.of(num(StandardField.ORDER_COUNT, Operator.EQ, BigDecimal.ZERO))),
            fixed("never visited", "(?:never\\s+visited|(?:with\\s+|having\\s+)?(?:no|zero)\\s+visits)",
                    (m, v) -> Phrase.of(num(StandardField.VISITS, Operator.EQ, BigDecimal.ZERO))),
            fixed("first-time buyers", "(?:first|one)[- ]?time\\s+(?:buyers?|customers?|shoppers?|purchasers?)",
                    (m, v) -> Phrase.of(num(StandardField.ORDER_COUNT, Operator.EQ, BigDecimal.ONE))),
            fixed("repeat buyers", "(?:repeat\\s+(?:buyers?|customers?|shoppers?|purchasers?)|returning\\s+customers?)",
                    (m, v) -> Phrase.of(num(StandardField.ORDER_COUNT, Operator.GTE, BigDecimal.valueOf(2)))),
            // ---- money ----
            fixed("spent between", "(?:(?:have|has)\\s+)?" + MONEY + "\\s*(?:(?:is|was)\\s+)?between\\s+(?<n>" + NUM
                    + ")\\s*~\\s*(?<n2>" + NUM + ")",
                    (m, v) -> Phrase.of(cond(StandardField.TOTAL_SPENT, Operator.BETWEEN,
                            range(Amounts.amount(m.group("n")), Amounts.amount(m.group("n2")))))),
            fixed("spent over", "(?:(?:have|has|who\\s+have|who\\s+has)\\s+)?" + MONEY
                    + "\\s*(?:(?:is|was|of|=|:)\\s*)?(?:(?:a\\s+total\\s+of|in\\s+total)\\s+)?" + CMP + "\\s*(?<n>" + NUM
                    + ")(?:\\s+(?:in\\s+total|total|overall|so\\s+far|in\\s+all|lifetime))?",
                    (m, v) -> Phrase.of(num(StandardField.TOTAL_SPENT, op(m.group("cmp")), Amounts.amount(m.group("n"))))),
            fixed("over N in purchases", "(?:(?:with|having)\\s+)?" + CMP + "\\s*(?<n>" + NUM
                    + ")\\s+(?:in\\s+(?:total\\s+)?(?:spend|spending|purchases|sales)|(?:total\\s+)?(?:spend|spending|spent)"
                    + "|worth\\s+of\\s+(?:purchases|orders|shopping)|lifetime\\s+value)",
                    (m, v) -> Phrase.of(num(StandardField.TOTAL_SPENT, op(m.group("cmp")), Amounts.amount(m.group("n"))))),
            // ---- counts ----
            fixed("between N orders", HAVE + "between\\s+(?<n>" + COUNT + ")\\s*~\\s*(?<n2>" + COUNT
                    + ")\\s+(?:total\\s+|completed\\s+)?(?<unit>orders?|purchases?|transactions?|visits?)",
                    (m, v) -> Phrase.of(cond(countField(m.group("unit")), Operator.BETWEEN,
                            range(count(m.group("n")), count(m.group("n2")))))),
            fixed("orders between", "(?<unit>orders?|order\\s+count|purchases?|visits?|visit\\s+count)\\s+(?:(?:is|are)\\s+)?"
                    + "between\\s+(?<n>" + COUNT + ")\\s*~\\s*(?<n2>" + COUNT + ")",
                    (m, v) -> Phrase.of(cond(countField(m.group("unit")), Operator.BETWEEN,
                            range(count(m.group("n")), count(m.group("n2")))))),
            fixed("fewer than N visits", HAVE + "(?:(?:a\\s+total\\s+of|in\\s+total)\\s+)?" + CMP + "\\s*(?<n>" + COUNT
                    + ")\\s+(?:total\\s+|completed\\s+|store\\s+|site\\s+)?(?<unit>orders?|purchases?|transactions?|visits?)" + IN_TOTAL,
                    (m, v) -> Phrase.of(num(countField(m.group("unit")), op(m.group("cmp")), count(m.group("n"))))),
            fixed("N orders", HAVE + "(?:exactly\\s+)?(?<n>" + COUNT
                    + ")\\s+(?:total\\s+|completed\\s+)?(?<unit>orders?|purchases?|transactions?|visits?)",
                    (m, v) -> Phrase.of(num(countField(m.group("unit")), Operator.EQ, count(m.group("n"))))),
            fixed("ordered more than N times", "(?:(?:have|has)\\s+)?(?<verb>ordered|purchased|bought|shopped|visited|came|come"
                    + "|returned)(?:\\s+(?:from\\s+us|with\\s+us|us|the\\s+store|our\\s+store|the\\s+shop|the\\s+site|our\\s+site"
                    + "|here))?\\s+" + CMP + "\\s*(?<n>" + TIMES + ")" + IN_TOTAL,
                    (m, v) -> Phrase.of(num(verbField(m.group("verb")), op(m.group("cmp")), count(m.group("n"))))),
            fixed("ordered N times", "(?:(?:have|has)\\s+)?(?<verb>ordered|purchased|bought|shopped|visited|came|come|returned)"
                    + "(?:\\s+(?:from\\s+us|with\\s+us|us|the\\s+store|our\\s+store|the\\s+shop|the\\s+site|our\\s+site|here))?"
                    + "\\s+(?:exactly\\s+)?(?<n>" + TIMES + ")" + IN_TOTAL,
                    (m, v) -> Phrase.of(num(verbField(m.group("verb")), Operator.EQ, count(m.group("n"))))),
            fixed("order count over N", "(?:(?:the\\s+)?(?:number\\s+of|total|count\\s+of)\\s+)?(?<unit>orders?|order\\s+count"
                    + "|ordercount|purchases?|purchase\\s+count|visits?|visit\\s+count)(?:\\s+count)?\\s*(?:(?:is|are|was|=|:)\\s*)?"
                    + CMP + "\\s*(?<n>" + COUNT + ")",
                    (m, v) -> Phrase.of(num(countField(m.group("unit")), op(m.group("cmp")), count(m.group("n"))))),
            // ---- dates ----
            fixed("ordered in the last N days", "(?:(?:have|has|who\\s+have|who\\s+has)\\s+)?" + ORDER_VERB + "\\s+" + WITHIN
                    + "(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ORDER_AT, Operator.IN_LAST_DAYS, m))),
            fixed("an order in the last N days", HAVE + "(?:an?\\s+|any\\s+)?(?:orders?|purchases?)\\s+"
                    + "(?:in|within|during|over)\\s+(?:the\\s+)?(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ORDER_AT, Operator.IN_LAST_DAYS, m))),
            fixed("last order within", "(?:(?:whose|their)\\s+)?last\\s+(?:order|purchase)\\s+(?:(?:was|is)\\s+)?"
                    + "(?:in|within|during)\\s+(?:the\\s+)?(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ORDER_AT, Operator.IN_LAST_DAYS, m))),
            fixed("inactive for N months", "(?:(?:been|are|is|were|was|have\\s+been|has\\s+been)\\s+)?(?:inactive|dormant|lapsed"
                    + "|idle)(?:\\s+customers?)?\\s+(?:(?:for|in|since|over|during)\\s+)?(?:(?:more\\s+than|over|at\\s+least)\\s+)?"
                    + "(?:the\\s+)?(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ORDER_AT, Operator.NOT_IN_LAST_DAYS, m))),
            fixed("last ordered N days ago", "(?:(?:whose|their)\\s+)?last\\s+(?:order(?:ed)?|purchased?|bought)\\s+(?:was\\s+)?"
                    + "(?:more\\s+than|over|at\\s+least)\\s+(?<dur>" + DUR + ")\\s+ago",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ORDER_AT, Operator.NOT_IN_LAST_DAYS, m))),
            fixed("active in the last N days", "(?:(?:been|are|is|were|was|have\\s+been|has\\s+been)\\s+)?(?:active|seen"
                    + "|visited(?:\\s+(?:us|the\\s+store|the\\s+site|our\\s+site|our\\s+store))?|logged\\s+in|engaged)\\s+"
                    + WITHIN + "(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ACTIVE_AT, Operator.IN_LAST_DAYS, m))),
            // a time window on its own ("spent over 5000 in the last 30 days", the original frontend's example):
            // spend and counts are lifetime totals, so the window applies to the last order
            fixed("in the last N days", "(?:(?:in|within|during|over|for)\\s+)?(?=(?:the\\s+)?(?:last|past|previous)\\s)"
                    + "(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ORDER_AT, Operator.IN_LAST_DAYS, m))),
            fixed("no activity in", "(?:(?:with|having)\\s+)?no\\s+(?:activity|visits?|logins?)\\s+" + WITHIN
                    + "(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.LAST_ACTIVE_AT, Operator.NOT_IN_LAST_DAYS, m))),
            fixed("joined in the last N days", "(?:(?:have|has|who)\\s+)?(?:joined(?:\\s+us)?|signed\\s+up|registered"
                    + "|became\\s+(?:a\\s+)?customers?|were\\s+(?:created|added)|created|added|onboarded"
                    + "|new(?:\\s+(?:customers?|users?|members?|sign-?ups?))?)\\s+(?:in|within|during|over|from|of)\\s+"
                    + "(?:the\\s+)?(?<dur>" + DUR + ")",
                    (m, v) -> Phrase.of(days(StandardField.CREATED_AT, Operator.IN_LAST_DAYS, m))),
            fixed("joined N days ago", "(?:joined(?:\\s+us)?|signed\\s+up|registered|became\\s+a\\s+customer)\\s+"
                    + "(?:more\\s+than|over|at\\s+least)\\s+(?<dur>" + DUR + ")\\s+ago",
                    (m, v) -> Phrase.of(days(StandardField.CREATED_AT, Operator.NOT_IN_LAST_DAYS, m))),
            fixed("joined before DATE", "(?<what>joined(?:\\s+us)?|signed\\s+up|registered|created|first\\s+ordered"
                    + "|first\\s+purchased|first\\s+bought|first\\s+(?:order|purchase)(?:\\s+date)?(?:\\s+(?:was|is))?"
                    + "|last\\s+ordered|last\\s+purchased|last\\s+bought|last\\s+(?:order|purchase)(?:\\s+date)?(?:\\s+(?:was|is))?"
                    + "|ordered|purchased|bought|last\\s+(?:active|seen)|last\\s+activity(?:\\s+(?:was|is))?"
                    + "|(?:was|were)\\s+last\\s+(?:active|seen))\\s+(?<rel>before|after|since|prior\\s+to|in|during)\\s+"
                    + "(?<date>" + DATE + ")",
                    (m, v) -> Phrase.of(dated(m.group("what"), m.group("rel"), m.group("date")))),
            // ---- tags ----
            fixed("without tag X", "(?:without|lacking|missing)\\s+(?:the\\s+|a\\s+|an\\s+)?tags?\\s+" + TAG,
                    (m, v) -> tagPhrase(value(m)).negated()),
            fixed("without the X tag", "(?:without|lacking|missing)\\s+(?:the\\s+|a\\s+|an\\s+)?" + TAG + "\\s+tag",
                    (m, v) -> tagPhrase(value(m)).negated()),
            fixed("no tags", "(?:(?:with|having|has|have)\\s+no\\s+tags?|without(?:\\s+any)?\\s+tags?|no\\s+tags|untagged)",
                    (m, v) -> Phrase.of(cond(StandardField.TAGS, Operator.IS_EMPTY, Operand.None.INSTANCE))),
            fixed("any tag", "(?:(?:with|having|has|have)\\s+)(?:any|some|at\\s+least\\s+one)\\s+tags?",
                    (m, v) -> Phrase.of(new Rule.Not(cond(StandardField.TAGS, Operator.IS_EMPTY, Operand.None.INSTANCE)))),
            fixed("tagged X", "(?:(?:are|is|were|was|been)\\s+)?(?:tagged|labell?ed|marked)(?:\\s+(?:as|with))?\\s+(?:the\\s+)?"
                    + TAG + "(?:\\s+tag)?",
                    (m, v) -> tagPhrase(value(m))),
            fixed("with tag X", "(?:(?:with|having|has|have|carrying|who\\s+have|who\\s+has)\\s+)?(?:the\\s+|a\\s+|an\\s+)?"
                    + "tags?\\s+(?:(?:of|=|:|is|are|includes?|including|contains?|containing)\\s+)?" + TAG,
                    (m, v) -> tagPhrase(value(m))),
            fixed("with the X tag", "(?:with|having|has|have|carrying)\\s+(?:the\\s+|a\\s+|an\\s+)?" + TAG + "\\s+tag",
                    (m, v) -> tagPhrase(value(m))),
            fixed("#tag", "#(?<v>[\\p{L}\\p{N}][\\p{L}\\p{N}_\\-]{0,63})", (m, v) -> tagPhrase(m.group("v"))),
            // ---- opt-out ----
            fixed("opted out", "(?:(?:have|has|who\\s+have|who\\s+has|are|is|who\\s+are)\\s+)?(?:opted[ -]?out|unsubscribed"
                    + "|un-subscribed)(?:\\s+(?:of|from)\\s+(?:marketing|messages|emails?|sms|communications?|promotions?))?",
                    (m, v) -> Phrase.of(cond(StandardField.OPTED_OUT, Operator.EQ, new Operand.Bool(true)))),
            fixed("subscribed", "(?:(?:are|is|who\\s+are|still)\\s+)?(?:subscribed|opted[ -]?in|reachable|contactable"
                    + "|marketable|can\\s+be\\s+contacted|accept(?:s|ing)?\\s+marketing)",
                    (m, v) -> Phrase.of(cond(StandardField.OPTED_OUT, Operator.EQ, new Operand.Bool(false)))),
            // ---- email, name, phone ----
            fixed("gmail users", "(?:(?:with|having|has|have|using|on)\\s+)?(?:an?\\s+)?" + DOMAIN
                    + "\\s+(?:addresses|address|accounts?|emails?|e-mails?|ids?|users?|mail\\s+ids?)",
                    (m, v) -> Phrase.of(text(StandardField.EMAIL, Operator.ENDS_WITH, "@" + domain(m.group("dom"))))),
            fixed("email at domain", "(?:(?:with|having)\\s+)?(?:an?\\s+)?e-?mail(?:\\s+address)?\\s+(?:domain\\s+)?"
                    + "(?:(?:is|=|:)\\s*)?(?:at|on|from|@)\\s*" + DOMAIN,
                    (m, v) -> Phrase.of(text(StandardField.EMAIL, Operator.ENDS_WITH, "@" + domain(m.group("dom"))))),
            fixed("email domain", "(?:(?:whose|their)\\s+)?e-?mail\\s+domain\\s*(?:(?:is|=|:)\\s*)?@?" + DOMAIN,
                    (m, v) -> Phrase.of(text(StandardField.EMAIL, Operator.ENDS_WITH, "@" + domain(m.group("dom"))))),
            open("name contains X", "(?:(?:whose|their|the)\\s+)?" + SFIELD + "\\s+(?<op>contains|includes|has|matches"
                    + "|starts\\s+with|begins\\s+with|ends\\s+with|is\\s+not|isn'?t|!=|<>|does\\s+not\\s+contain"
                    + "|doesn'?t\\s+contain|not\\s+contains?|is|==|=|equals)\\s*" + TEXT,
                    (m, v) -> textFieldPhrase(m.group("field"), m.group("op"), v)),
            fixed("without a phone", "(?:(?:with\\s+)?no|without(?:\\s+an?)?|missing(?:\\s+an?)?|lacking(?:\\s+an?)?)\\s+"
                    + "(?<field>phone(?:\\s+number)?|mobile(?:\\s+number)?|city|name)(?:\\s+(?:on\\s+file|set))?",
                    (m, v) -> Phrase.of(new Rule.Not(cond(textField(m.group("field")), Operator.EXISTS, Operand.None.INSTANCE)))),
            fixed("with a phone", "(?:with|having|has|have|who\\s+have|who\\s+has)\\s+(?:an?\\s+|some\\s+)?"
                    + "(?<field>phone(?:\\s+number)?|mobile(?:\\s+number)?|city|name)(?:\\s+(?:on\\s+file|set|present|recorded"
                    + "|saved))?",
                    (m, v) -> Phrase.of(cond(textField(m.group("field")), Operator.EXISTS, Operand.None.INSTANCE))),
            open("named X", "(?:named|called)\\s+" + TEXT,
                    (m, v) -> textFieldPhrase("name", "contains", v)),
            // ---- city ----
            city("outside X", "(?:outside(?:\\s+of)?)\\s+" + CITY, (m, v) -> cityPhrase(v).negated()),
            city("city is not X", "(?:(?:whose|their|the)\\s+)?city\\s*(?:is\\s+not|isn'?t|!=|<>)\\s*" + CITY,
                    (m, v) -> cityPhrase(v).negated()),
            city("city is X", "(?:(?:whose|their|the)\\s+)?city\\s*(?:(?:is|=|==|equals|:|of)\\s*)?" + CITY,
                    (m, v) -> cityPhrase(v)),
            city("from X", "(?:(?:who\\s+)?(?:are|is|live|lives|living|reside|resides|residing|based|located|staying|stays)\\s+)?"
                    + "(?:from|in|at)\\s+(?:the\\s+city\\s+of\\s+)?" + CITY,
                    (m, v) -> cityPhrase(v)),
            // ---- custom attributes ----
            fixed("on the gold plan", "on\\s+(?:the\\s+|a\\s+)?(?<v>[\\p{L}\\p{N}][\\p{L}\\p{N}_\\-]{0,63})\\s+"
                    + "(?<key>plan|tier|membership|subscription|program|programme)",
                    (m, v) -> attributePhrase(m.group("key"), m.group("v"), false)),
            fixed("plan between", KEY + "\\s+(?:(?:is|was)\\s+)?between\\s+(?<n>" + NUM + ")\\s*~\\s*(?<n2>" + NUM + ")",
                    (m, v) -> Phrase.of(cond(attribute(m), Operator.BETWEEN,
                            range(Amounts.amount(m.group("n")), Amounts.amount(m.group("n2")))))),
            fixed("points over N", KEY + "\\s*(?:(?:is|was)\\s+)?" + CMP + "\\s*(?<n>-?\\d[\\d,]*(?:\\.\\d+)?)",
                    (m, v) -> Phrase.of(num(attribute(m), op(m.group("cmp")), new BigDecimal(m.group("n").replace(",", ""))))),
            open("plan is not X", KEY + "\\s*(?:is\\s+not|isn'?t|!=|<>)\\s*" + AVALUE,
                    (m, v) -> attributePhrase(attribute(m).key(), v, m.group("q") != null).negated()),
            open("plan is X", KEY + "\\s*(?:is|==|=|equals|:)\\s*" + AVALUE,
                    (m, v) -> attributePhrase(attribute(m).key(), v, m.group("q") != null)));

    private Phrases() {
    }

    private static Entry fixed(String name, String regex, Builder b) {
        return new Entry(name, Pattern.compile("(?iu)" + regex + END), false, false, b);
    }

    private static Entry open(String name, String regex, Builder b) {
        return new Entry(name, Pattern.compile("(?iu)" + regex), true, false, b);
    }

    private static Entry city(String name, String regex, Builder b) {
        return new Entry(name, Pattern.compile("(?iu)" + regex), true, true, b);
    }

    // ---- builders ----

    static Operator op(String cmp) {
        String c = Amounts.lower(cmp);
        if (c.startsWith("not less") || c.startsWith("no less") || c.startsWith("no fewer") || c.equals("at least")
                || c.startsWith("min") || c.equals(">=") || c.equals("=>") || c.equals("\u2265")) {
            return Operator.GTE;
        }
        if (c.startsWith("not more") || c.startsWith("no more") || c.equals("at most") || c.equals("up to")
                || c.startsWith("max") || c.equals("<=") || c.equals("=<") || c.equals("\u2264")) {
            return Operator.LTE;
        }
        if (c.equals("exactly") || c.equals("equal to") || c.equals("equals") || c.equals("==") || c.equals("=")) {
            return Operator.EQ;
        }
        if (c.equals("less than") || c.equals("fewer than") || c.equals("lower than") || c.equals("smaller than")
                || c.equals("under") || c.equals("below") || c.equals("<")) {
            return Operator.LT;
        }
        return Operator.GT;
    }

    private static BigDecimal count(String text) {
        return BigDecimal.valueOf(Amounts.count(text));
    }

    private static Operand.NumRange range(BigDecimal a, BigDecimal b) {
        if (a.compareTo(b) > 0) {
            throw new IllegalArgumentException("empty range");
        }
        return new Operand.NumRange(a, b);
    }

    private static StandardField countField(String unit) {
        return Amounts.lower(unit).startsWith("visit") ? StandardField.VISITS : StandardField.ORDER_COUNT;
    }

    private static StandardField verbField(String verb) {
        String v = Amounts.lower(verb);
        return v.equals("visited") || v.startsWith("came") || v.startsWith("come") || v.equals("returned")
                ? StandardField.VISITS : StandardField.ORDER_COUNT;
    }

    private static Rule days(StandardField field, Operator op, Matcher m) {
        return cond(field, op, new Operand.Days(Amounts.days(m.group("dur"))));
    }

    private static Rule dated(String what, String rel, String date) {
        String w = Amounts.lower(what);
        String r = Amounts.lower(rel);
        StandardField field;
        if (w.contains("join") || w.contains("sign") || w.contains("regist") || w.contains("creat")) {
            field = StandardField.CREATED_AT;
        } else if (w.startsWith("first")) {
            field = StandardField.FIRST_ORDER_AT;
        } else if (w.contains("active") || w.contains("seen") || w.contains("activity")) {
            field = StandardField.LAST_ACTIVE_AT;
        } else if (w.startsWith("last")) {
            field = StandardField.LAST_ORDER_AT;
        } else {
            // "ordered before X": some order before X, i.e. the first one; "ordered after X": the last one
            field = r.equals("before") || r.startsWith("prior") ? StandardField.FIRST_ORDER_AT : StandardField.LAST_ORDER_AT;
        }
        return switch (r) {
            case "before" -> cond(field, Operator.BEFORE, new Operand.Date(Amounts.start(date)));
            case "after" -> cond(field, Operator.AFTER, new Operand.Date(Amounts.end(date)));
            case "since" -> cond(field, Operator.AFTER, new Operand.Date(Amounts.start(date).minusMillis(1)));
            case "in", "during" -> cond(field, Operator.BETWEEN, new Operand.DateRange(Amounts.start(date), Amounts.end(date)));
            default -> cond(field, Operator.BEFORE, new Operand.Date(Amounts.start(date))); // prior to
        };
    }

    private static String value(Matcher m) {
        return m.group("q") != null ? m.group("q") : m.group("v");
    }

    private static Phrase tagPhrase(String tag) {
        return new Phrase(tag(Operator.CONTAINS, tag), (values, all) -> {
            List<String> t = tags(values);
            return t.size() == 1 ? tag(Operator.CONTAINS, t.get(0))
                    : cond(StandardField.TAGS, all ? Operator.CONTAINS_ALL : Operator.CONTAINS_ANY, new Operand.TextList(t));
        });
    }

    private static Phrase cityPhrase(String city) {
        return new Phrase(text(StandardField.CITY, Operator.EQ, city), (values, all) -> values.size() == 1
                ? text(StandardField.CITY, Operator.EQ, values.get(0))
                : cond(StandardField.CITY, Operator.IN, new Operand.TextList(values)));
    }

    private static StandardField textField(String field) {
        String f = Amounts.lower(field);
        if (f.contains("mail")) {
            return StandardField.EMAIL;
        }
        if (f.startsWith("phone") || f.startsWith("mobile")) {
            return StandardField.PHONE;
        }
        return f.equals("city") ? StandardField.CITY : StandardField.NAME;
    }

    private static Phrase textFieldPhrase(String fieldText, String opText, String value) {
        StandardField field = textField(fieldText);
        String o = Amounts.lower(opText);
        boolean first = Amounts.lower(fieldText).startsWith("first");
        Operator op;
        boolean negated = false;
        if (o.startsWith("starts") || o.startsWith("begins")) {
            op = Operator.STARTS_WITH;
        } else if (o.startsWith("ends")) {
            op = Operator.ENDS_WITH;
        } else if (o.contains("not contain") || o.startsWith("doesn") || o.startsWith("not contain")) {
            op = Operator.NOT_CONTAINS;
        } else if (o.equals("is not") || o.startsWith("isn") || o.equals("!=") || o.equals("<>")) {
            op = first ? Operator.STARTS_WITH : Operator.EQ;
            negated = true;
        } else if (o.equals("is") || o.equals("=") || o.equals("==") || o.equals("equals")) {
            op = first ? Operator.STARTS_WITH : Operator.EQ;
        } else {
            op = Operator.CONTAINS;
        }
        Operator finalOp = op;
        Phrase p = new Phrase(text(field, op, value), (values, all) -> {
            if (values.size() == 1) {
                return text(field, finalOp, values.get(0));
            }
            if (finalOp == Operator.EQ && !all) {
                return cond(field, Operator.IN, new Operand.TextList(values));
            }
            List<Rule> each = values.stream().<Rule>map(x -> text(field, finalOp, x)).toList();
            return all ? and(each) : or(each);
        });
        return negated ? p.negated() : p;
    }

    private static AttributeField attribute(Matcher m) {
        String key = m.group("key");
        if (m.group("pre") == null && NOT_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an attribute: " + key);
        }
        return new AttributeField(key);
    }

    private static Phrase attributePhrase(String key, String raw, boolean quoted) {
        AttributeField field = new AttributeField(key);
        return new Phrase(cond(field, Operator.EQ, attributeValue(raw, quoted)), (values, all) -> {
            List<Operand> ops = values.stream().map(x -> attributeValue(x, false)).toList();
            if (ops.size() == 1) {
                return cond(field, Operator.EQ, ops.get(0));
            }
            if (!all && ops.stream().allMatch(o -> o instanceof Operand.Text)) {
                return cond(field, Operator.IN, new Operand.TextList(values));
            }
            if (!all && ops.stream().allMatch(o -> o instanceof Operand.Num)) {
                return cond(field, Operator.IN, new Operand.NumList(ops.stream().map(o -> ((Operand.Num) o).value()).toList()));
            }
            List<Rule> each = ops.stream().<Rule>map(o -> cond(field, Operator.EQ, o)).toList();
            return all ? and(each) : or(each);
        });
    }

    private static Operand attributeValue(String raw, boolean quoted) {
        if (quoted) {
            return new Operand.Text(raw);
        }
        String v = Amounts.lower(raw);
        if (v.equals("true") || v.equals("yes")) {
            return new Operand.Bool(true);
        }
        if (v.equals("false") || v.equals("no")) {
            return new Operand.Bool(false);
        }
        if (v.matches("-?\\d+(?:\\.\\d+)?")) {
            return new Operand.Num(new BigDecimal(v));
        }
        return new Operand.Text(raw);
    }

    private static String domain(String d) {
        String x = Amounts.lower(d);
        return switch (x) {
            case "gmail", "yahoo", "hotmail", "outlook", "icloud", "rediffmail", "protonmail" -> x + ".com";
            default -> x;
        };
    }
}
