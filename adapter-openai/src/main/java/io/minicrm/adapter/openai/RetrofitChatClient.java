package io.minicrm.adapter.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.theokanning.openai.OpenAiError;
import com.theokanning.openai.client.OpenAiApi;
import com.theokanning.openai.completion.chat.ChatCompletionChoice;
import com.theokanning.openai.completion.chat.ChatCompletionRequest;
import com.theokanning.openai.completion.chat.ChatCompletionResult;
import com.theokanning.openai.completion.chat.ChatMessage;
import io.minicrm.application.port.AiAssistant.AiUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.HttpException;
import retrofit2.Retrofit;
import retrofit2.adapter.rxjava2.RxJava2CallAdapterFactory;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * Chat completions through openai-gpt3-java's Retrofit interface {@link OpenAiApi}, with our own OkHttp
 * client (bearer auth, timeouts, base URL with an optional gateway prefix) and Jackson mapper (the
 * library's {@code OpenAiService} cannot load with Jackson 2.20+, see the module pom). The only class
 * that touches the library, Retrofit or OkHttp.
 *
 * <p>Failures: 429 (except {@code insufficient_quota}), 5xx, 408 and connection failures are retried
 * up to {@link OpenAiSettings#maxAttempts()} within {@link OpenAiSettings#retryBudget()}, honouring
 * {@code Retry-After}; a timeout is not retried (the model is slow or overloaded, and a second wait
 * would double the user's); anything else, or the last failure, becomes {@link AiUnavailableException}.
 */
final class RetrofitChatClient implements ChatClient {
    private static final Logger LOG = LoggerFactory.getLogger(RetrofitChatClient.class);
    private static final int MAX_ERROR_BODY = 4096;

    /** Waits between attempts; a test may record instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final OpenAiSettings settings;
    private final OkHttpClient http;
    private final OpenAiApi api;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ChatRetryPolicy policy;
    private final DailyCap cap;

    RetrofitChatClient(OpenAiSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = ChatRetryPolicy.DEFAULT;
        this.cap = new DailyCap(settings.dailyRequestCap(), clock);
        this.mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        String key = settings.apiKey();
        String prefix = pathPrefix(settings.baseUrl());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", "Bearer " + key).build()))
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(4, 1, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false);
        if ("http".equals(settings.baseUrl().getScheme())) {
            b.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)); // a local server: no TLS set-up (trust store) needed
        }
        if (!prefix.isEmpty()) {
            b.addInterceptor(chain -> {
                HttpUrl url = chain.request().url();
                return chain.proceed(chain.request().newBuilder()
                        .url(url.newBuilder().encodedPath(prefix + url.encodedPath()).build()).build());
            });
        }
        this.http = b.build();
        this.api = new Retrofit.Builder()
                .baseUrl(root(settings.baseUrl()))
                .client(http)
                .addConverterFactory(JacksonConverterFactory.create(mapper))
                .addCallAdapterFactory(RxJava2CallAdapterFactory.create())
                .build()
                .create(OpenAiApi.class);
    }

    @Override
    public String complete(List<Turn> turns, double temperature) {
        cap.acquire();
        ChatCompletionRequest request = ChatCompletionRequest.builder()
                .model(settings.model())
                .messages(turns.stream().map(t -> new ChatMessage(t.role(), t.content())).toList())
                .temperature(temperature)
                .maxTokens(settings.maxTokens())
                .n(1)
                .build();
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            try {
                ChatCompletionResult result = api.createChatCompletion(request).blockingGet();
                return text(result);
            } catch (AiUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                failure = classify(e);
            }
            if (!failure.retryable() || attempt >= settings.maxAttempts()) {
                LOG.warn("OpenAI request failed after {} attempt(s): {}", attempt, failure.reason());
                throw new AiUnavailableException("the AI service is unavailable: " + failure.reason(), failure.cause());
            }
            Duration wait = policy.delay(attempt, failure.retryAfter());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (elapsed.plus(wait).compareTo(settings.retryBudget()) > 0) {
                LOG.warn("OpenAI request gave up: {}; next try in {} ms would pass the retry budget of {}", failure.reason(),
                        wait.toMillis(), settings.retryBudget());
                throw new AiUnavailableException("the AI service is unavailable: " + failure.reason()
                        + " (retry in " + Math.max(1, wait.toSeconds()) + " s)", failure.cause());
            }
            LOG.info("OpenAI request attempt {} failed ({}); retrying in {} ms", attempt, failure.reason(), wait.toMillis());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AiUnavailableException("interrupted while waiting to retry the AI service", e);
            }
        }
    }

    private record Failure(boolean retryable, String reason, Optional<Duration> retryAfter, Throwable cause) {
    }

    private Failure classify(RuntimeException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof HttpException h) {
                return httpFailure(h);
            }
            if (t instanceof JacksonException) {
                return new Failure(false, "unreadable response (" + t.getClass().getSimpleName() + ")", Optional.empty(), e);
            }
            if (t instanceof InterruptedIOException) {
                return new Failure(false, "timed out after " + settings.requestTimeout().toMillis() + " ms", Optional.empty(), e);
            }
            if (t instanceof IOException) {
                return new Failure(true, "network error (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")",
                        Optional.empty(), e);
            }
        }
        return new Failure(false, "unexpected error (" + e + ")", Optional.empty(), e);
    }

    private Failure httpFailure(HttpException h) {
        int status = h.code();
        String code = null;
        String message = null;
        retrofit2.Response<?> response = h.response();
        Optional<Duration> retryAfter = Optional.empty();
        if (response != null) {
            retryAfter = ChatRetryPolicy.retryAfter(response.headers().get("retry-after-ms"), response.headers().get("Retry-After"), clock);
            try (ResponseBody body = response.errorBody()) {
                if (body != null) {
                    okio.BufferedSource source = body.source();
                    source.request(MAX_ERROR_BODY);
                    String text = source.getBuffer().readUtf8(Math.min(source.getBuffer().size(), MAX_ERROR_BODY));
                    OpenAiError error = mapper.readValue(text, OpenAiError.class);
                    if (error != null && error.getError() != null) {
                        code = error.getError().getCode();
                        message = error.getError().getMessage();
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // the status says enough
            }
        }
        String reason = "HTTP " + status + (code == null ? "" : " " + code)
                + (message == null ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message));
        boolean retryable = (status == 429 && !"insufficient_quota".equals(code)) || status == 408 || status >= 500;
        return new Failure(retryable, reason, retryAfter, h);
    }

    private static String text(ChatCompletionResult result) {
        if (result == null || result.getChoices() == null || result.getChoices().isEmpty()) {
            throw new AiUnavailableException("the AI service answered without any choice", null);
        }
        ChatCompletionChoice first = result.getChoices().get(0);
        if ("length".equals(first.getFinishReason())) {
            LOG.info("OpenAI answer was cut at max tokens");
        }
        ChatMessage m = first.getMessage();
        return m == null || m.getContent() == null ? "" : m.getContent();
    }

    /** {@code scheme://host:port/}: the library's paths are absolute ({@code /v1/...}). */
    static String root(URI base) {
        return base.getScheme() + "://" + base.getRawAuthority() + "/";
    }

    /** A gateway path before {@code /v1} (e.g. {@code /openai} for {@code https://gw/openai/v1}); empty for none. */
    static String pathPrefix(URI base) {
        String p = base.getRawPath() == null ? "" : base.getRawPath();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.endsWith("/v1")) {
            p = p.substring(0, p.length() - 3);
        }
        return p;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
