package io.minicrm.bootstrap;

/**
 * The optional adapters of Mini CRM: each is a separate artifact that an embedding application adds only when
 * it chooses what the adapter serves. {@link #require()} fails the build of a {@link MiniCrm} with a message
 * naming the artifact to add when it is missing.
 */
enum Adapter {
    MONGO("io.minicrm.adapter.mongo.MongoStore", "adapter-mongo", "the embedded store and MongoDB"),
    REDIS("io.minicrm.adapter.redis.RedisWorkQueue", "adapter-redis", "Redis queues"),
    HTTP("io.minicrm.adapter.http.HttpApi", "adapter-http-javalin", "the HTTP API"),
    VENDOR("io.minicrm.adapter.vendorsim.HttpVendorGateway", "adapter-vendor-sim",
            "an HTTP messaging vendor (and the vendor simulator behind the HTTP API)"),
    OPENAI("io.minicrm.adapter.openai.OpenAiAssistant", "adapter-openai", "the OpenAI assistant"),
    METRICS("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", null, "Prometheus metrics");

    private final String probe;
    private final String artifact;
    private final String serves;

    Adapter(String probe, String artifact, String serves) {
        this.probe = probe;
        this.artifact = artifact;
        this.serves = serves;
    }

    /** The Maven artifact id (group {@code io.minicrm}); null for a third-party library. */
    String artifact() {
        return artifact;
    }

    boolean isPresent() {
        try {
            Class.forName(probe, false, Adapter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @throws ConfigException naming the artifact to add, when this adapter is not on the classpath */
    void require() {
        if (!isPresent()) {
            throw new ConfigException(serves + " needs the artifact io.minicrm:" + artifact
                    + " on the classpath; add the dependency <groupId>io.minicrm</groupId><artifactId>" + artifact
                    + "</artifactId> (same version as bootstrap)");
        }
    }
}
