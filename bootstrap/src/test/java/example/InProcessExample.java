package example;

import io.minicrm.application.campaign.CampaignService.NewCampaign;
import io.minicrm.application.customer.CustomerInput;
import io.minicrm.application.segment.SegmentService.NewSegment;
import io.minicrm.bootstrap.MiniCrm;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.rules.Rules;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * README "Use it as a library": the whole CRM in-process (crm-domain, crm-application and bootstrap only; no
 * server, no database). The code between the markers is the README's, word for word (ReadmeExamplesTest).
 */
public final class InProcessExample {
    private InProcessExample() {
    }

    public static void main(String[] args) throws Exception {
        // README:in-process
        try (MiniCrm crm = MiniCrm.builder().build()) {
            crm.ingestCustomers().ingest(List.of(
                    CustomerInput.email("asha@example.com").name("Asha").city("Pune").totalSpent(new BigDecimal("20000")).build(),
                    CustomerInput.email("ravi@example.com").name("Ravi").city("Mumbai").totalSpent(new BigDecimal("500")).build()));
            Segment bigSpenders = crm.segments().create(NewSegment.of("Big spenders", Rules.parse("totalSpent > 10000")));
            Campaign campaign = crm.campaigns().create(NewCampaign.builder().name("Thank you").segment(bigSpenders.id())
                    .message("Hi {{name|there}}, thank you for shopping with us!").sendNow().build());
            Campaign done = crm.finished(campaign.id()).get(1, TimeUnit.MINUTES);
            System.out.println(done.status() + ": " + done.counts().sent() + " sent, " + done.counts().failed() + " failed");
        }
        // README:end
    }
}
