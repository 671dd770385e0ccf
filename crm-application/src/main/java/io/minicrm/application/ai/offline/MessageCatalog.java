package io.minicrm.application.ai.offline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Curated message templates for the offline assistant, by objective (win-back, welcome, sale or
 * festive offer, loyalty thanks, cart/browse reminder, feedback, new arrivals, anything else) and tone
 * (friendly, formal, playful, urgent). A variant is an opener for the tone, a body for the objective
 * and a closer for the tone; an offer ("20% off") or occasion ("Diwali") named in the objective is
 * woven in. Deterministic: the same brief gives the same variants.
 */
final class MessageCatalog {

    enum Objective {
        WIN_BACK("a special discount", "win ?back", "come back", "return", "lapsed", "inactive", "miss(?:ed)? you",
                "re-?engag", "re-?activat", "dormant", "churn", "haven'?t (?:ordered|visited|seen)"),
        WELCOME("a welcome gift", "welcome", "new (?:customer|member|user|subscriber|sign)", "onboard", "first order",
                "sign(?:ed)? ?up", "just joined", "greet"),
        REMINDER("free delivery", "cart", "abandon", "browse", "browsing", "left (?:behind|something|items?)", "forgot",
                "reminder", "remind", "still thinking", "viewed", "wishlist"),
        FEEDBACK("a small thank-you gift", "feedback", "review", "survey", "rate us", "rating", "opinion", "nps",
                "how (?:did|was)"),
        NEW_ARRIVALS("early-bird pricing", "new arrival", "new collection", "launch", "just in", "new product", "restock",
                "back in stock", "new range", "new menu", "latest"),
        LOYALTY("an exclusive reward", "loyal", "vip", "thank", "appreciat", "reward", "points", "anniversary", "top customer",
                "best customer", "gratitude"),
        SALE("great discounts", "sale", "discount", "offer", "festiv", "festival", "diwali", "holi", "christmas", "xmas",
                "new year", "eid", "navratri", "pongal", "onam", "black friday", "deal", "% ?off", "coupon", "promo",
                "clearance", "flash", "season"),
        GENERIC("a special offer");

        final String defaultOffer;
        final Pattern keywords;

        Objective(String defaultOffer, String... keywords) {
            this.defaultOffer = defaultOffer;
            this.keywords = keywords.length == 0 ? null : Pattern.compile("(?iu)(?:" + String.join("|", keywords) + ")");
        }

        static Objective of(String objective) {
            for (Objective o : values()) {
                if (o.keywords != null && o.keywords.matcher(objective).find()) {
                    return o;
                }
            }
            return GENERIC;
        }
    }

    enum Tone {
        FRIENDLY, FORMAL, PLAYFUL, URGENT;

        static Tone of(String tone) {
            String t = tone == null ? "" : tone.toLowerCase(Locale.ROOT);
            if (t.matches(".*(formal|professional|polite|respectful|corporate|serious).*")) {
                return FORMAL;
            }
            if (t.matches(".*(playful|casual|fun|witty|quirky|cheeky|humou?r|light).*")) {
                return PLAYFUL;
            }
            if (t.matches(".*(urgent|hurry|fomo|last chance|limited|now|excit|bold).*")) {
                return URGENT;
            }
            return FRIENDLY;
        }
    }

    private static final Pattern PERCENT = Pattern.compile("(\\d{1,2})\\s*%(?:\\s*off)?");
    private static final Pattern FLAT = Pattern.compile("(?iu)(?:flat\\s+)?(?:rs\\.?\\s*|inr\\s*|\u20b9\\s*)(\\d[\\d,]{0,8})\\s*off");
    private static final Pattern OCCASION = Pattern.compile("(?iu)\\b(diwali|holi|christmas|xmas|new year|eid|navratri|pongal"
            + "|onam|black friday|raksha bandhan|durga puja|ganesh chaturthi|valentine'?s(?: day)?|independence day"
            + "|summer|monsoon|winter|end of season|weekend)\\b");

    private static final List<String> OPEN_FRIENDLY = List.of("Hi {{firstName|there}}, ", "Hey {{firstName|there}}! ",
            "Hello {{firstName|there}}, ", "{{firstName|Hi there}}, ");
    private static final List<String> OPEN_FORMAL = List.of("Dear {{name|valued customer}}, ", "Dear {{firstName|customer}}, ",
            "Hello {{name|there}}, ", "Good day {{firstName|there}}. ");
    private static final List<String> OPEN_PLAYFUL = List.of("Hey {{firstName|you}}! ", "Psst, {{firstName|friend}}! ",
            "Guess what, {{firstName|friend}}? ", "Knock knock, {{firstName|friend}}! ");
    private static final List<String> OPEN_URGENT = List.of("{{firstName|Hi}}, hurry! ", "Last chance, {{firstName|friend}}! ",
            "Quick, {{firstName|there}}! ", "Heads up, {{firstName|there}}: ");

    private static final List<String> CLOSE_FRIENDLY = List.of(" See you soon!", " Have a lovely day!",
            " We're here if you need anything.", "");
    private static final List<String> CLOSE_FORMAL = List.of(" Kind regards, the team.", " We look forward to serving you.",
            " Thank you for your continued trust.", " Warm regards.");
    private static final List<String> CLOSE_PLAYFUL = List.of(" Don't keep us waiting!", " You know you want to.",
            " See you on the other side of checkout!", " Go on, treat yourself.");
    private static final List<String> CLOSE_URGENT = List.of(" Ends soon, don't miss out!", " Only while stocks last!",
            " Act now!", " Don't wait too long!");

    private MessageCatalog() {
    }

    private static List<String> bodies(Objective o) {
        return switch (o) {
            case WIN_BACK -> List.of(
                    "it's been a while and we miss you! Come back and enjoy <offer> on your next order.",
                    "we haven't seen you in some time. Here's <offer> to welcome you back.",
                    "your favourites are still here, and so is <offer> just for you.",
                    "a lot has changed since your last visit: new picks, better prices and <offer> waiting for you.",
                    "we'd love to have you back. Use <offer> on anything you like.",
                    "come see what's new in {{city|your city}}, with <offer> on your next purchase.");
            case WELCOME -> List.of(
                    "welcome to the family! Enjoy <offer> on your first order.",
                    "thanks for joining us. Here's <offer> to get you started.",
                    "we're so glad you're here. Explore our bestsellers and save with <offer>.",
                    "welcome aboard! Your first order comes with <offer>.",
                    "great to meet you. Reply any time if you need help choosing, and don't miss <offer>.",
                    "you're in! New members in {{city|your city}} get <offer> this week.");
            case SALE -> List.of(
                    "our <occasion> sale is live: <offer> across the store.",
                    "celebrate <occasion> with <offer> on your favourites.",
                    "get <offer> this <occasion>. Shop before it's gone.",
                    "treat yourself this <occasion>: <offer> on top picks.",
                    "big savings this <occasion>! Enjoy <offer> while stocks last.",
                    "shoppers in {{city|your city}} are loving our <occasion> deals. Grab <offer> today.");
            case LOYALTY -> List.of(
                    "thank you for being one of our most valued customers. Here's <offer> as a small thank-you.",
                    "you've been with us through {{orderCount|many}} orders and we're grateful! Enjoy <offer>.",
                    "as one of our VIPs, you get early access to our new collection and <offer>.",
                    "loyal customers like you make us who we are. Please enjoy <offer>.",
                    "a little thank-you for your loyalty: <offer>, just for you.",
                    "your support means the world to us, so <offer> is yours on your next visit.");
            case REMINDER -> List.of(
                    "you left something in your cart. It's still waiting for you!",
                    "still thinking it over? Your picks are saved, so complete your order today.",
                    "good taste! The items you viewed are selling fast.",
                    "your cart misses you. Finish checking out and get <offer>.",
                    "just a reminder: the items you liked are still available, for now.",
                    "need a hand deciding? Reply to this message and we'll help you choose.");
            case FEEDBACK -> List.of(
                    "how was your recent order? We'd love to hear your feedback.",
                    "your opinion matters to us. Could you spare a minute to rate your experience?",
                    "tell us how we did! Your feedback helps us serve you better.",
                    "we're always improving. Share your thoughts and get <offer> as a thank-you.",
                    "quick question: would you recommend us to a friend? Just reply with a score from 0 to 10.",
                    "we hope you're enjoying your purchase. Leave a review and help other shoppers in {{city|your city}}.");
            case NEW_ARRIVALS -> List.of(
                    "fresh arrivals just landed! Be the first to explore our new collection.",
                    "something new is here, and we think you'll love it.",
                    "new in: styles picked with you in mind. Take a look before they sell out.",
                    "our latest collection is live, and early shoppers get <offer>.",
                    "just dropped: new favourites for the season. Come see what's new.",
                    "new arrivals are in store in {{city|your city}} and online. Don't miss out!");
            case GENERIC -> List.of(
                    "we've got something special lined up for you. Come take a look!",
                    "here's a quick update from us, and <offer> just for you.",
                    "thanks for being part of our community. Check out what's new this week.",
                    "we think you'll like what we have in store. Visit us soon!",
                    "don't miss out: <offer> for a limited time.",
                    "customers in {{city|your city}} are loving this. See it for yourself.");
        };
    }

    private static List<String> openers(Tone t) {
        return switch (t) {
            case FRIENDLY -> OPEN_FRIENDLY;
            case FORMAL -> OPEN_FORMAL;
            case PLAYFUL -> OPEN_PLAYFUL;
            case URGENT -> OPEN_URGENT;
        };
    }

    private static List<String> closers(Tone t) {
        return switch (t) {
            case FRIENDLY -> CLOSE_FRIENDLY;
            case FORMAL -> CLOSE_FORMAL;
            case PLAYFUL -> CLOSE_PLAYFUL;
            case URGENT -> CLOSE_URGENT;
        };
    }

    /** {@code count} different variants for the objective and tone. */
    static List<String> variants(String objective, String tone, int count) {
        Objective o = Objective.of(objective);
        Tone t = Tone.of(tone);
        String offer = offer(objective, o);
        String occasion = occasion(objective);
        List<String> bodies = bodies(o);
        List<String> openers = openers(t);
        List<String> closers = closers(t);
        int start = Math.floorMod(objective.strip().toLowerCase(Locale.ROOT).hashCode(), bodies.size());
        Set<String> out = new LinkedHashSet<>();
        int combos = bodies.size() * openers.size() * closers.size();
        for (int i = 0; out.size() < count && i < combos; i++) {
            String body = bodies.get((start + i) % bodies.size())
                    .replace("<offer>", offer).replace("<occasion>", occasion);
            String opener = openers.get((i + i / bodies.size()) % openers.size());
            String closer = closers.get((i + 2 * (i / bodies.size())) % closers.size());
            out.add(join(opener, body, closer));
        }
        return new ArrayList<>(out);
    }

    private static String join(String opener, String body, String closer) {
        String o = opener;
        boolean sentenceStart = o.endsWith("! ") || o.endsWith(". ") || o.endsWith("? ");
        String b = sentenceStart ? Character.toUpperCase(body.charAt(0)) + body.substring(1) : body;
        return (o + b + closer).strip();
    }

    static String offer(String objective, Objective o) {
        Matcher p = PERCENT.matcher(objective);
        if (p.find()) {
            return p.group(1) + "% off";
        }
        Matcher f = FLAT.matcher(objective);
        if (f.find()) {
            return "\u20b9" + f.group(1) + " off";
        }
        if (objective.toLowerCase(Locale.ROOT).contains("free delivery") || objective.toLowerCase(Locale.ROOT).contains("free shipping")) {
            return "free delivery";
        }
        return o.defaultOffer;
    }

    static String occasion(String objective) {
        Matcher m = OCCASION.matcher(objective);
        if (!m.find()) {
            return "season";
        }
        String w = m.group(1).toLowerCase(Locale.ROOT);
        return switch (w) {
            case "xmas" -> "Christmas";
            case "new year" -> "New Year";
            case "black friday" -> "Black Friday";
            case "summer", "monsoon", "winter", "weekend" -> w;
            case "end of season" -> "end-of-season";
            default -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
        };
    }
}
