package io.minicrm.application.ai;

import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.campaign.CampaignView;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.MessageTemplate;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.syntax.CanonicalRuleReader;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AI help, with our own checks around the assistant: message drafts are parsed as templates (unknown
 * placeholders repaired or the draft dropped); a proposed rule is validated by the domain, with one
 * repair round; a summary may use only numbers from our statistics, else our own wording is used.
 */
public final class AiService {
    public static final int MAX_VARIANTS = 10;
    /** Longest accepted objective of a message request. */
    public static final int MAX_OBJECTIVE = 500;
    /** Longest accepted tone of a message request. */
    public static final int MAX_TONE = 100;
    /** Longest accepted audience description of a message request. */
    public static final int MAX_AUDIENCE = 500;
    /** Longest accepted description of a rule request. */
    public static final int MAX_DESCRIPTION = 1000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}|]*?)\\s*(\\|[^}]*)?}}");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("first_name", "firstName"), Map.entry("firstname", "firstName"), Map.entry("fname", "firstName"),
            Map.entry("customer_name", "name"), Map.entry("customerName", "name"), Map.entry("full_name", "name"),
            Map.entry("fullName", "name"), Map.entry("Name", "name"), Map.entry("customer", "name"),
            Map.entry("city_name", "city"), Map.entry("location", "city"), Map.entry("total_spent", "totalSpent"),
            Map.entry("order_count", "orderCount"), Map.entry("FirstName", "firstName"));

    private final AiAssistant assistant;
    private final SegmentService segments;
    private final CampaignService campaigns;
    private final CampaignRepository campaignRepository;

    public AiService(AiAssistant assistant, SegmentService segments, CampaignService campaigns,
                     CampaignRepository campaignRepository) {
        this.assistant = assistant;
        this.segments = segments;
        this.campaigns = campaigns;
        this.campaignRepository = campaignRepository;
    }

    /**
     * What messages to suggest.
     * @param objective what the campaign is for (required), e.g. "win back customers who have not ordered lately"
     * @param tone      e.g. "friendly" (the default when null or blank), "formal", "playful"
     * @param count     how many drafts, 1..{@value #MAX_VARIANTS}
     * @param audience  who will receive them (optional)
     */
    public record MessageRequest(String objective, String tone, int count, String audience) {
        /** {@code count} friendly drafts for the objective, for any audience. */
        public static MessageRequest of(String objective, int count) {
            return new MessageRequest(objective, null, count, null);
        }
    }

    public record Messages(List<String> messages, String source) {
    }

    public record RuleSuggestion(Rule rule, long audienceCount, String source, boolean repaired) {
    }

    public record Summary(String text, CampaignFacts facts, String source) {
    }

    /**
     * Up to {@code count} valid message templates for the objective. Every text field is capped (everything
     * given goes into the assistant's prompt): {@value #MAX_OBJECTIVE} characters of objective,
     * {@value #MAX_TONE} of tone, {@value #MAX_AUDIENCE} of audience.
     */
    public Messages suggestMessages(MessageRequest request) {
        String objective = request.objective();
        String tone = request.tone();
        int count = request.count();
        String audience = request.audience();
        List<Problem> problems = new ArrayList<>();
        if (objective == null || objective.isBlank()) {
            problems.add(new Problem("/objective", "is required"));
        } else {
            capped(problems, "/objective", objective, MAX_OBJECTIVE);
        }
        capped(problems, "/tone", tone, MAX_TONE);
        capped(problems, "/audience", audience, MAX_AUDIENCE);
        if (count < 1 || count > MAX_VARIANTS) {
            problems.add(new Problem("/count", "must be 1 to " + MAX_VARIANTS));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        AiAssistant.Drafts drafts = assistant.suggestMessages(new AiAssistant.Brief(objective.strip(),
                tone == null || tone.isBlank() ? "friendly" : tone.strip(), count, audience));
        Set<String> valid = new LinkedHashSet<>();
        for (String draft : drafts.messages()) {
            repair(draft).ifPresent(valid::add);
            if (valid.size() == count) {
                break;
            }
        }
        if (valid.isEmpty()) {
            throw new AiAssistant.AiUnavailableException("the assistant produced no usable message", null);
        }
        return new Messages(List.copyOf(valid), drafts.source());
    }

    /** The draft as a valid template: known aliases mapped, other unknown placeholders removed; else empty. */
    static Optional<String> repair(String draft) {
        if (draft == null || draft.isBlank()) {
            return Optional.empty();
        }
        String text = draft.strip();
        if (isTemplate(text)) {
            return Optional.of(text);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String field = m.group(1);
            String known = MessageTemplate.FIELDS.contains(field) || field.startsWith("attributes.") ? field
                    : ALIASES.get(field);
            String replacement = known == null ? (m.group(2) == null ? "" : m.group(2).substring(1).strip())
                    : "{{" + known + (m.group(2) == null ? "" : m.group(2)) + "}}";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        String repaired = sb.toString().replaceAll("\\s{2,}", " ").strip();
        return isTemplate(repaired) ? Optional.of(repaired) : Optional.empty();
    }

    private static boolean isTemplate(String text) {
        try {
            MessageTemplate.of(text);
            return true;
        } catch (ValidationException e) {
            return false;
        }
    }

    /**
     * A rule for the description, validated by the domain (one repair round with the problems);
     * @throws ValidationException (422) when no valid rule came out, with the reasons
     */
    public RuleSuggestion rulesFromText(String description) {
        if (description == null || description.isBlank()) {
            throw new ValidationException("/description", "is required");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new ValidationException("/description", "longer than " + MAX_DESCRIPTION + " characters");
        }
        AiAssistant.RuleProposal first = assistant.proposeRule(new AiAssistant.RuleRequest(description.strip(), null, List.of()));
        Rule rule;
        boolean repaired = false;
        String source = first.source();
        try {
            rule = CanonicalRuleReader.read(first.tree());
        } catch (InvalidRuleException e) {
            AiAssistant.RuleProposal second = assistant.proposeRule(
                    new AiAssistant.RuleRequest(description.strip(), first.tree(), e.problems()));
            source = second.source();
            try {
                rule = CanonicalRuleReader.read(second.tree());
                repaired = true;
            } catch (InvalidRuleException again) {
                List<Problem> reasons = new ArrayList<>();
                reasons.add(new Problem("/description", "the assistant could not produce a valid rule for this description"));
                again.problems().forEach(p -> reasons.add(p.under("/rules")));
                throw new ValidationException(reasons);
            }
        }
        long count = segments.preview(rule).count();
        return new RuleSuggestion(rule, count, source, repaired);
    }

    /** A summary of the campaign from its real statistics. */
    public Summary summarise(CampaignId id) {
        CampaignView view = campaigns.get(id);
        CampaignFacts facts = facts(view);
        String text;
        String source;
        try {
            AiAssistant.Phrasing p = assistant.phraseSummary(facts);
            List<String> invented = p.text() == null ? List.of("(empty)") : FactsSummary.inventedNumbers(p.text(), facts);
            if (invented.isEmpty() && !p.text().isBlank()) {
                text = p.text().strip();
                source = p.source();
            } else {
                text = FactsSummary.render(facts);
                source = "fallback";
            }
        } catch (AiAssistant.AiUnavailableException e) {
            text = FactsSummary.render(facts);
            source = "fallback";
        }
        return new Summary(text, facts, source);
    }

    CampaignFacts facts(CampaignView view) {
        Campaign c = view.campaign();
        DeliveryCounts n = view.counts();
        Optional<Duration> duration = c.startedAt() == null ? Optional.empty()
                : Optional.of(Duration.between(c.startedAt(),
                        c.completedAt() != null ? c.completedAt()
                                : view.sendWindow().map(w -> w.last()).orElse(c.startedAt())));
        List<Double> rates = new ArrayList<>();
        String cursor = null;
        int scanned = 0;
        do {
            var page = campaignRepository.list(new PageRequest(cursor, 200));
            for (Campaign other : page.items()) {
                if (!other.id().equals(c.id()) && other.status() == CampaignStatus.COMPLETED
                        && other.createdAt().isBefore(c.createdAt()) && other.counts().sent() + other.counts().failed() > 0) {
                    rates.add(other.counts().deliveryRate() * 100);
                }
            }
            cursor = page.nextCursor();
            scanned += page.items().size();
        } while (cursor != null && scanned < 1000);
        Optional<Double> median = rates.isEmpty() ? Optional.empty() : Optional.of(median(rates));
        return new CampaignFacts(c.name(), c.status().wire(), n.audience(), n.sent(), n.failed(), n.pending(),
                n.retries(), n.skipped(), n.deliveryRate() * 100, duration, median, rates.size());
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void capped(List<Problem> problems, String path, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new Problem(path, "longer than " + max + " characters (" + value.length() + ")"));
        }
    }
}
