package io.minicrm.domain.shared;

/** Source of new identifiers; injected so tests are deterministic. Ids are 1..64 chars of [A-Za-z0-9_-]. */
@FunctionalInterface
public interface IdGenerator {
    /** A new, unique id. */
    String newId();
}
