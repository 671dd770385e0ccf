package io.minicrm.bootstrap;

/** The running HTTP API, as the rest of bootstrap sees it (no adapter types). */
interface HttpParts extends AutoCloseable {
    int port();

    /** The host of the URL to reach it ({@code localhost} when bound to every interface). */
    String urlHost();

    /** A one-time code that signs the local admin into the web console. */
    String issueSignInCode();

    /** Stops taking requests and finishes the ones in flight. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
