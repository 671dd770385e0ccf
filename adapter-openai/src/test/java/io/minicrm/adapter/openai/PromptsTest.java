package io.minicrm.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.domain.campaign.MessageTemplate;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.Signatures;
import io.minicrm.domain.segment.StandardField;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The prompts are generated from the domain, so they list exactly what the validators accept. */
class PromptsTest {

    @Test
    void theRulePromptListsEveryCatalogFieldWithItsTypeAndOperators() {
        String prompt = Prompts.ruleSystem(LocalDate.of(2025, 3, 1));
        for (StandardField f : StandardField.values()) {
            assertThat(prompt).contains("  " + f.path() + ": " + f.type().label());
            assertThat(prompt).containsPattern("(?m)^  " + f.path() + ": .*; " + java.util.regex.Pattern.quote(
                    Signatures.describe(f.type())) + "$");
        }
        assertThat(prompt).contains("attributes.<key>: " + FieldType.ATTRIBUTE.label())
                .contains(Signatures.describe(FieldType.ATTRIBUTE)).contains("Today is 2025-03-01");
    }

    @Test
    void theMessagePromptListsEveryPlaceholder() {
        String placeholders = Prompts.placeholders();
        for (String f : MessageTemplate.FIELDS) {
            assertThat(placeholders).contains("{{" + f + "}}");
        }
    }
}
