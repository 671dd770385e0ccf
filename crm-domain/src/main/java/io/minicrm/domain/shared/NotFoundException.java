package io.minicrm.domain.shared;

/** The thing asked for does not exist. */
public class NotFoundException extends RuntimeException {
    private final String kind;
    private final String id;

    /** Nothing of this {@code kind} ({@code customer}) has this {@code id}. */
    public NotFoundException(String kind, String id) {
        super(kind + " " + id + " not found");
        this.kind = kind;
        this.id = id;
    }

    /** What was looked for ({@code customer}). */
    public String kind() {
        return kind;
    }

    /** The id looked for. */
    public String id() {
        return id;
    }
}
