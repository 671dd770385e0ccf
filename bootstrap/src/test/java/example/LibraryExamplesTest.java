package example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library examples run as written, through the public API only (this package is outside
 * io.minicrm); what they print is their result.
 */
class LibraryExamplesTest {

    interface Example {
        void run() throws Exception;
    }

    /** What the example printed. */
    static synchronized String printed(Example example) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        out.print(text);
        return text;
    }

    @Test
    void theRuleEngineAlone_readsARule_andEvaluatesItForACustomer() throws Exception {
        assertThat(printed(() -> RuleEngineExample.main(new String[0])))
                .contains("totalSpent > 10000 and (city = \"Pune\" or tags contains \"vip\") -> true")
                .contains("{\"and\":[{\"field\":\"totalSpent\",\"op\":\"gt\",\"value\":10000}");
    }

    @Test
    void theWholeCrmInProcess_sendsACampaign_andItsReceiptsComeBackWithoutWiring() throws Exception {
        // only Asha spent over 10,000; her one message has its final receipt (sent, or failed after the retries)
        assertThat(printed(() -> InProcessExample.main(new String[0]))).containsPattern("COMPLETED: (1 sent, 0|0 sent, 1) failed");
    }

    @Test
    void theEmbeddedStoreInADirectory_keepsItsDataAcrossARestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("crm-data");
        assertThat(printed(() -> EmbeddedStoreExample.main(new String[] {data.toString()})))
                .contains("1 customer(s) in " + data);
    }
}
