package io.minicrm.bootstrap;

/** A configuration value is missing or wrong; the message is one line naming the variable and what is expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
