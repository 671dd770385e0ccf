package io.minicrm.application.port;

/**
 * JSON text to and from plain trees (Map/List/String/Number/Boolean/null), for payloads that travel
 * through queues. Implemented by an adapter with a real JSON library.
 */
public interface TreeCodec {
    Object parse(String json);

    String write(Object tree);
}
