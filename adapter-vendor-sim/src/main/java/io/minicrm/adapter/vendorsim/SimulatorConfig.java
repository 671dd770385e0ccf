package io.minicrm.adapter.vendorsim;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of a standalone simulator, read from environment variables or command-line flags
 * ({@code --flag=value} or {@code --flag value}; a flag wins over its variable).
 *
 * @param host     interface to listen on
 * @param port     port to listen on
 * @param settings the simulator's settings
 */
public record SimulatorConfig(String host, int port, SimulatorSettings settings) {

    /** A configuration option: its flag, its environment variable, what it means. */
    public enum Option {
        HOST("host", "VENDOR_SIM_HOST", "interface to listen on (default 0.0.0.0)"),
        PORT("port", "VENDOR_SIM_PORT", "port to listen on (default 8089)"),
        RECEIPT_URL("receipt-url", "VENDOR_RECEIPT_URL", "where receipts are posted, e.g. http://localhost:8080/api/receipt"),
        SECRET("secret", "VENDOR_WEBHOOK_SECRET", "shared secret that signs receipts (required)"),
        API_KEY("api-key", "VENDOR_API_KEY", "key senders must present as X-Api-Key (default: none)"),
        SEED("seed", "VENDOR_SIM_SEED", "random seed (default 42)"),
        SUCCESS_RATE("success-rate", "VENDOR_SIM_SUCCESS_RATE", "share of messages delivered (default 0.9)"),
        RETRYABLE_SHARE("retryable-share", "VENDOR_SIM_RETRYABLE_SHARE", "share of failures that are retryable (default 0.5)"),
        DUPLICATE_RATE("duplicate-rate", "VENDOR_SIM_DUPLICATE_RATE", "share of receipts sent twice (default 0.02)"),
        OUT_OF_ORDER_RATE("out-of-order-rate", "VENDOR_SIM_OUT_OF_ORDER_RATE", "share of receipts reordered (default 0.2)"),
        ANSWER_DELAY_MS("answer-delay-ms", "VENDOR_SIM_ANSWER_DELAY_MS", "send answer latency, 'min-max' ms (default 0-5)"),
        RECEIPT_DELAY_MS("receipt-delay-ms", "VENDOR_SIM_RECEIPT_DELAY_MS", "receipt delay, 'min-max' ms (default 20-500)"),
        CALLBACK_BATCH("callback-batch", "VENDOR_SIM_CALLBACK_BATCH", "receipts per callback (default 500)"),
        CALLBACK_MAX_AGE_S("callback-max-age-s", "VENDOR_SIM_CALLBACK_MAX_AGE_S", "give up a receipt after this many seconds (default 3600)"),
        THREADS("threads", "VENDOR_SIM_THREADS", "request threads (default 32)"),
        MAX_BATCH("max-batch", "VENDOR_SIM_MAX_BATCH", "messages per send request at most (default 1000)");

        private final String flag;
        private final String env;
        private final String help;

        Option(String flag, String env, String help) {
            this.flag = flag;
            this.env = env;
            this.help = help;
        }

        public String flag() {
            return flag;
        }

        public String env() {
            return env;
        }

        public String help() {
            return help;
        }
    }

    public SimulatorConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535");
        }
        Objects.requireNonNull(settings, "settings");
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /**
     * Reads a configuration from environment-style keys ({@link Option#env()}).
     *
     * @throws IllegalArgumentException naming every bad or missing value
     */
    public static SimulatorConfig from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String secret = env.get(Option.SECRET.env);
        if (secret == null || secret.isBlank()) {
            problems.add(Option.SECRET.env + " (--" + Option.SECRET.flag + ") is required: receipts must be signed");
        }
        URI receiptUrl = null;
        String rawUrl = env.get(Option.RECEIPT_URL.env);
        if (rawUrl != null && !rawUrl.isBlank()) {
            try {
                receiptUrl = URI.create(rawUrl.trim());
                if (!SimulatorSettings.isHttpUrl(receiptUrl)) {
                    problems.add(Option.RECEIPT_URL.env + " must be an http(s) URL, got '" + rawUrl + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add(Option.RECEIPT_URL.env + " is not a URL: '" + rawUrl + "'");
            }
        }
        SimulatorSettings d = SimulatorSettings.defaults("unused");
        String host = env.getOrDefault(Option.HOST.env, "0.0.0.0");
        long port = ConfigValues.longValue(env, Option.PORT.env, 8089, problems);
        long seed = ConfigValues.longValue(env, Option.SEED.env, d.seed(), problems);
        double success = ConfigValues.doubleValue(env, Option.SUCCESS_RATE.env, d.outcomes().successRate(), problems);
        double retryable = ConfigValues.doubleValue(env, Option.RETRYABLE_SHARE.env, d.outcomes().retryableShare(), problems);
        double duplicates = ConfigValues.doubleValue(env, Option.DUPLICATE_RATE.env, d.outcomes().duplicateRate(), problems);
        double disorder = ConfigValues.doubleValue(env, Option.OUT_OF_ORDER_RATE.env, d.outcomes().outOfOrderRate(), problems);
        long[] answer = ConfigValues.range(env, Option.ANSWER_DELAY_MS.env, millis(d.answerDelay()), problems);
        long[] receipt = ConfigValues.range(env, Option.RECEIPT_DELAY_MS.env, millis(d.receiptDelay()), problems);
        long callbackBatch = ConfigValues.longValue(env, Option.CALLBACK_BATCH.env, d.callbacks().maxBatch(), problems);
        long maxAge = ConfigValues.longValue(env, Option.CALLBACK_MAX_AGE_S.env, d.callbacks().maxAge().toSeconds(), problems);
        long threads = ConfigValues.longValue(env, Option.THREADS.env, d.limits().threads(), problems);
        long maxBatch = ConfigValues.longValue(env, Option.MAX_BATCH.env, d.limits().maxBatchSize(), problems);
        if (problems.isEmpty()) {
            try {
                SimulatorSettings.CallbackPolicy callbacks = d.callbacks()
                        .withBatching(Math.toIntExact(callbackBatch), d.callbacks().flushWindow(), d.callbacks().concurrency())
                        .withMaxAge(Duration.ofSeconds(maxAge));
                SimulatorSettings settings = SimulatorSettings.defaults(secret)
                        .withReceiptUrl(receiptUrl)
                        .withApiKey(env.get(Option.API_KEY.env))
                        .withSeed(seed)
                        .withOutcomes(new SimulatorSettings.OutcomeMix(success, retryable, duplicates, disorder))
                        .withAnswerDelay(new SimulatorSettings.DelayRange(Duration.ofMillis(answer[0]), Duration.ofMillis(answer[1])))
                        .withReceiptDelay(new SimulatorSettings.DelayRange(Duration.ofMillis(receipt[0]), Duration.ofMillis(receipt[1])))
                        .withCallbacks(callbacks)
                        .withLimits(new SimulatorSettings.Limits(Math.toIntExact(threads), Math.toIntExact(maxBatch),
                                d.limits().maxBodyBytes()));
                return new SimulatorConfig(host, Math.toIntExact(port), settings);
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException("vendor simulator configuration: " + String.join("; ", problems));
    }

    /**
     * Turns {@code --flag=value} / {@code --flag value} arguments into environment-style keys.
     *
     * @throws IllegalArgumentException on an unknown flag or a flag without a value
     */
    public static Map<String, String> parseArgs(String... args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            out.put(option(name).env, value);
        }
        return out;
    }

    /** A help text listing every option. */
    public static String usage() {
        StringBuilder sb = new StringBuilder("vendor simulator options (flag | environment variable):\n");
        for (Option o : Option.values()) {
            sb.append(String.format("  --%-20s %-32s %s%n", o.flag, o.env, o.help));
        }
        return sb.toString();
    }

    private static Option option(String flag) {
        for (Option o : Option.values()) {
            if (o.flag.equals(flag)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown option --" + flag);
    }

    private static long[] millis(SimulatorSettings.DelayRange r) {
        return new long[] {r.min().toMillis(), r.max().toMillis()};
    }
}
