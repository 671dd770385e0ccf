package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** {@code CRM_LOG_FORMAT=json}: the configuration loads cleanly and writes one JSON object per line. */
class JsonLogsTest {

    @Test
    void jsonConfiguration_loadsWithoutWarnings_andWritesOneObjectPerLineWithTheRequestId() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        LoggerContext context = new LoggerContext();
        LogbackMDCAdapter mdc = new LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(JsonLogsTest.class.getClassLoader().getResource("logback-json.xml"));
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .as("warnings or errors while loading logback-json.xml")
                    .noneMatch(s -> s.getLevel() >= Status.WARN);

            context.start();
            Logger log = context.getLogger("io.minicrm.test");
            mdc.put("requestId", "req-123");
            try {
                log.info("campaign {} completed: {} sent", "c-1", 42);
            } finally {
                mdc.remove("requestId");
            }
        } finally {
            context.stop();
            System.setOut(original);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("loggerName").asText()).isEqualTo("io.minicrm.test");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("campaign c-1 completed: 42 sent");
        assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("req-123");
        assertThat(line.has("timestamp")).isTrue();
    }
}
