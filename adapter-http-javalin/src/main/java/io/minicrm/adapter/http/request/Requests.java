package io.minicrm.adapter.http.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Request bodies of the JSON routes that are not ingested rows or rules. Bound by Jackson with unknown
 * properties and scalar coercion rejected; rules travel as plain trees ({@code Object}) to the domain's
 * readers.
 */
public final class Requests {
    private Requests() {
    }

    /**
     * {@code POST /api/campaigns}: sent at once, as the original service did, unless {@code draft} is true
     * (kept until {@code POST /api/send}) or {@code scheduledAt} is given.
     */
    public record CreateCampaign(String name, String segmentId, String message, String scheduledAt, Boolean draft) {
    }

    /** The optional campaign created with a segment. */
    public record SegmentCampaign(String name, String message, String scheduledAt) {
    }

    /** {@code POST /api/segments}: rules in any spelling (canonical, legacy groups, {"dsl": ...}). */
    public record CreateSegment(String name, String description, Object rules, SegmentCampaign campaign) {
    }

    /** {@code POST /api/segments/preview}. */
    public record Preview(Object rules) {
    }

    /** {@code POST /api/send}. */
    public record Send(String campaignId) {
    }

    /** {@code POST /api/ai/summary}. */
    public record Summary(String campaignId) {
    }

    /** {@code POST /api/ai/messages} and {@code /generate-messages}. */
    public record Messages(String objective, String tone, Integer count, String audience) {
    }

    /** {@code POST /api/ai/segment-rules} and {@code /generate-rules}. */
    public record Describe(String description) {
    }

    /**
     * {@code POST /api/auth/google}: an ID token ({@code idToken}, or {@code credential} as Google
     * Identity Services names it, with its {@code select_by} and {@code clientId}) or an authorization
     * code with its redirect URI.
     */
    public record SignIn(String idToken, String credential, String code, String redirectUri,
                         @JsonProperty("select_by") String selectBy, String clientId) {
    }

    /** {@code POST /api/auth/code}: the local admin's one-time sign-in code. */
    public record SignInCode(String code) {
    }

    /**
     * {@code POST /api/campaigns/preview}: a message rendered for sample customers of a segment
     * ({@code segmentId}), of a rule not saved yet ({@code rules}), or the newest customers (neither).
     */
    public record MessagePreview(String message, String segmentId, Object rules, Integer limit) {
    }
}
