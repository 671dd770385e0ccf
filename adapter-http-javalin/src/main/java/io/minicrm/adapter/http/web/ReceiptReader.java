package io.minicrm.adapter.http.web;

import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.shared.Ids;
import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.Times;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the vendor's receipt payload - one receipt, or {@code {receipts: [...]}} - into domain
 * {@link Receipt}s, reporting every problem with its path (unknown fields included). Each receipt must say
 * which attempt it reports: {@code attempt}, the {@code idempotencyKey} that attempt was sent under
 * ({@code <deliveryId>-<attempt>}), or the {@code vendorMessageId} the vendor gave it. A receipt naming none
 * could be a replay of any earlier one, so it is refused.
 */
final class ReceiptReader {
    static final int MAX_RECEIPTS = 5000;
    private static final Set<String> FIELDS = Set.of("deliveryId", "vendorMessageId", "status", "reason", "retryable",
            "occurredAt", "attempt", "idempotencyKey");

    private ReceiptReader() {
    }

    static List<Receipt> read(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ValidationException("", "expected a receipt object or {\"receipts\": [...]}, got " + Numbers.describe(tree));
        }
        if (!map.containsKey("receipts")) {
            List<Problem> problems = new ArrayList<>();
            Receipt r = one(map, "", problems);
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            return List.of(r);
        }
        if (map.size() != 1) {
            throw new ValidationException("", "{\"receipts\": [...]} takes no other keys");
        }
        if (!(map.get("receipts") instanceof List<?> list)) {
            throw new ValidationException("/receipts", "expected an array, got " + Numbers.describe(map.get("receipts")));
        }
        if (list.isEmpty()) {
            throw new ValidationException("/receipts", "is empty");
        }
        if (list.size() > MAX_RECEIPTS) {
            throw new ValidationException("/receipts", "at most " + MAX_RECEIPTS + " receipts per request");
        }
        List<Problem> problems = new ArrayList<>();
        List<Receipt> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String base = "/receipts/" + i;
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.add(new Problem(base, "expected an object, got " + Numbers.describe(list.get(i))));
                continue;
            }
            Receipt r = one(m, base, problems);
            if (r != null) {
                out.add(r);
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return out;
    }

    private static Receipt one(Map<?, ?> m, String base, List<Problem> problems) {
        int before = problems.size();
        for (Object key : m.keySet()) {
            if (!(key instanceof String k) || !FIELDS.contains(k)) {
                problems.add(new Problem(base + "/" + Problem.segment(key), "unknown field"));
            }
        }
        String deliveryId = null;
        Object rawId = m.get("deliveryId");
        if (rawId instanceof String s && Ids.isValid(s)) {
            deliveryId = s;
        } else {
            problems.add(new Problem(base + "/deliveryId", rawId == null ? "is required" : "not a delivery id"));
        }
        String messageId = text(m, "vendorMessageId", base, 200, problems);
        String reason = text(m, "reason", base, 500, problems);
        Receipt.Outcome outcome = null;
        Object status = m.get("status");
        if ("sent".equals(status)) {
            outcome = Receipt.Outcome.SENT;
        } else if ("failed".equals(status)) {
            outcome = Receipt.Outcome.FAILED;
        } else {
            problems.add(new Problem(base + "/status", "expected \"sent\" or \"failed\", got " + Numbers.describe(status)));
        }
        boolean retryable = false;
        Object rawRetryable = m.get("retryable");
        if (rawRetryable instanceof Boolean b) {
            retryable = b;
        } else if (rawRetryable != null) {
            problems.add(new Problem(base + "/retryable", "expected true or false"));
        }
        Instant occurredAt = null;
        Object rawAt = m.get("occurredAt");
        Optional<Instant> at = rawAt instanceof String s ? Times.parse(s) : Optional.empty();
        if (at.isPresent()) {
            occurredAt = at.get();
        } else {
            problems.add(new Problem(base + "/occurredAt", rawAt == null ? "is required" : "expected an ISO-8601 date-time"));
        }
        Integer attempt = null;
        Object rawAttempt = m.get("attempt");
        if (rawAttempt != null) {
            Optional<BigDecimal> n = Numbers.toDecimal(rawAttempt);
            if (n.isPresent() && Numbers.isInteger(n.get()) && n.get().signum() > 0
                    && n.get().compareTo(BigDecimal.valueOf(100)) <= 0) {
                attempt = n.get().intValueExact();
            } else {
                problems.add(new Problem(base + "/attempt", "expected a whole number from 1 to 100"));
            }
        }
        String key = text(m, "idempotencyKey", base, 200, problems);
        if (key != null && deliveryId != null) {
            Integer fromKey = attemptOf(key, deliveryId);
            if (fromKey == null) {
                problems.add(new Problem(base + "/idempotencyKey", "not an idempotency key of this delivery "
                        + "(expected " + deliveryId + "-<attempt>)"));
            } else if (attempt != null && !attempt.equals(fromKey)) {
                problems.add(new Problem(base + "/attempt", "differs from the attempt of the idempotency key"));
            } else {
                attempt = fromKey;
            }
        }
        if (attempt == null && key == null && messageId == null && !m.containsKey("vendorMessageId")) {
            problems.add(new Problem(base, "a receipt must name the attempt it reports: attempt, idempotencyKey or "
                    + "vendorMessageId"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Receipt(DeliveryId.of(deliveryId), messageId, outcome, reason, retryable, occurredAt, attempt);
    }

    /** The attempt of {@code key} when it is {@code <deliveryId>-<attempt>} of this delivery, else null. */
    private static Integer attemptOf(String key, String deliveryId) {
        String prefix = deliveryId + "-";
        if (!key.startsWith(prefix) || !key.substring(prefix.length()).matches("[1-9][0-9]{0,2}")) {
            return null;
        }
        int n = Integer.parseInt(key.substring(prefix.length()));
        return n <= 100 ? n : null;
    }

    private static String text(Map<?, ?> m, String key, String base, int max, List<Problem> problems) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.length() > max) {
            problems.add(new Problem(base + "/" + key, "expected a string of at most " + max + " characters"));
            return null;
        }
        return s;
    }
}
