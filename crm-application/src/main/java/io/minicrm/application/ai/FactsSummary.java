package io.minicrm.application.ai;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders campaign facts as a plain summary, and checks that a summary written by someone else (a
 * language model) uses only numbers that are in the facts.
 */
public final class FactsSummary {
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

    private FactsSummary() {
    }

    /** A deterministic summary that uses only the facts. */
    public static String render(CampaignFacts f) {
        StringBuilder sb = new StringBuilder();
        sb.append('"').append(f.campaignName()).append("\" ");
        switch (f.status()) {
            case "completed" -> sb.append("finished: ");
            case "sending" -> sb.append("is still sending: ");
            case "cancelled" -> sb.append("was cancelled: ");
            default -> sb.append("is ").append(f.status()).append(": ");
        }
        sb.append(f.sent()).append(" of ").append(f.audience()).append(" messages were delivered (")
                .append(percent(f.deliveryRatePercent())).append("%) and ").append(f.failed()).append(" failed");
        if (f.pending() > 0) {
            sb.append(", ").append(f.pending()).append(" still pending");
        }
        sb.append('.');
        if (f.retries() > 0) {
            sb.append(' ').append(f.retries()).append(" retries were needed after temporary failures.");
        }
        if (f.skipped() > 0) {
            sb.append(' ').append(f.skipped()).append(" customers were skipped by the frequency cap or opted out.");
        }
        f.duration().ifPresent(d -> sb.append(" Sending took ").append(duration(d)).append('.'));
        f.previousMedianRatePercent().ifPresent(m -> {
            double diff = f.deliveryRatePercent() - m;
            sb.append(" That is ").append(Math.abs(diff) < 0.05 ? "the same as" : diff > 0 ? "better than" : "worse than")
                    .append(" the median of the previous ").append(f.previousCampaigns()).append(" campaigns (")
                    .append(percent(m)).append("%).");
        });
        return sb.toString();
    }

    /** The numbers a summary may mention (as they would be written). */
    public static Set<String> allowedNumbers(CampaignFacts f) {
        Set<String> out = new LinkedHashSet<>();
        for (long n : new long[] {f.audience(), f.sent(), f.failed(), f.pending(), f.retries(), f.skipped(),
                f.previousCampaigns()}) {
            out.add(Long.toString(n));
            out.add(String.format(Locale.ROOT, "%,d", n));
        }
        addPercent(out, f.deliveryRatePercent());
        // numbers that are part of the campaign's own name ("Diwali 2026") are facts too
        Matcher inName = NUMBER.matcher(f.campaignName() == null ? "" : f.campaignName());
        while (inName.find()) {
            out.add(inName.group());
            out.add(inName.group().replace(",", ""));
        }
        f.previousMedianRatePercent().ifPresent(m -> addPercent(out, m));
        f.previousMedianRatePercent().ifPresent(m -> addPercent(out, Math.abs(f.deliveryRatePercent() - m)));
        f.duration().ifPresent(d -> {
            out.add(Long.toString(d.toSeconds()));
            out.add(Long.toString(d.toMinutes()));
            out.add(Long.toString(d.toHours()));
            out.add(Long.toString(d.toSecondsPart()));
            out.add(Long.toString(d.toMinutesPart()));
        });
        out.add("100");
        return out;
    }

    /** Numbers in {@code text} that are not in the facts (empty when the text is faithful). */
    public static List<String> inventedNumbers(String text, CampaignFacts f) {
        Set<String> allowed = allowedNumbers(f);
        List<String> invented = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String n = m.group();
            String plain = n.replace(",", "");
            if (!allowed.contains(n) && !allowed.contains(plain) && !allowed.contains(stripZeros(plain))) {
                invented.add(n);
            }
        }
        return invented;
    }

    private static void addPercent(Set<String> out, double p) {
        BigDecimal one = BigDecimal.valueOf(p).setScale(1, RoundingMode.HALF_UP);
        out.add(one.toPlainString());
        out.add(stripZeros(one.toPlainString()));
        out.add(BigDecimal.valueOf(p).setScale(0, RoundingMode.HALF_UP).toPlainString());
        out.add(BigDecimal.valueOf(p).setScale(2, RoundingMode.HALF_UP).toPlainString());
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) {
            return s;
        }
        String t = s.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /** A percentage as summaries write it: one decimal, half up (e.g. {@code 94.4}). */
    public static String percent(double p) {
        return BigDecimal.valueOf(p).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** A duration as summaries write it ({@code 1 h 5 min}, {@code 3 min 20 s}, {@code 45 s}). */
    public static String duration(Duration d) {
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toSeconds() + " s";
    }
}
