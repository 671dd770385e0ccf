package io.minicrm.adapter.http.json;

import io.minicrm.application.port.TreeCodec;

/**
 * The production {@link TreeCodec}: plain trees to and from JSON text with the hardened Jackson
 * configuration of {@link JsonSupport}. Numbers keep their exact value (whole numbers as
 * {@code Integer}/{@code Long}/{@code BigInteger}, others as {@code BigDecimal}, written in plain notation).
 */
public final class JacksonTreeCodec implements TreeCodec {
    private final JsonSupport json;

    public JacksonTreeCodec() {
        this(new JsonSupport());
    }

    public JacksonTreeCodec(JsonSupport json) {
        this.json = json;
    }

    /** @throws IllegalArgumentException when the text is not one JSON value within the limits */
    @Override
    public Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no JSON text");
        }
        return json.readTreeOrFail(text);
    }

    @Override
    public String write(Object tree) {
        return json.writeString(tree);
    }
}
