package example;

import io.minicrm.application.customer.CustomerInput;
import io.minicrm.bootstrap.MiniCrm;
import java.nio.file.Path;
import java.util.List;

/**
 * README "Use it as a library": Mini CRM on the embedded store in a directory (adds adapter-mongo), its data kept
 * across restarts. The code between the markers is the README's, word for word (ReadmeExamplesTest).
 */
public final class EmbeddedStoreExample {
    private EmbeddedStoreExample() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "crm-data");
        // README:embedded-store
        try (MiniCrm crm = MiniCrm.builder().dataDirectory(dataDir).build()) {   // or .mongo("mongodb://host:27017")
            crm.ingestCustomers().ingest(List.of(CustomerInput.email("asha@example.com").name("Asha").build()));
        }
        try (MiniCrm crm = MiniCrm.builder().dataDirectory(dataDir).build()) {   // a restart: the data is still there
            System.out.println(crm.customers().count() + " customer(s) in " + dataDir);
        }
        // README:end
    }
}
