package io.minicrm.domain.shared;

/** A request that is well-formed but not allowed in the current state (e.g. sending a completed campaign). */
public class DomainException extends RuntimeException {
    private final String code;

    /** A refusal with a machine-readable {@code code} and a message for people. */
    public DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A short machine-readable reason, e.g. {@code campaign-not-launchable}. */
    public String code() {
        return code;
    }
}
