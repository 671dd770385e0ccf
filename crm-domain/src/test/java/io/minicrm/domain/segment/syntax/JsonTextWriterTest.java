package io.minicrm.domain.segment.syntax;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON writer: compact, exact numbers, every string escaped so the text is valid JSON and valid UTF-8. */
class JsonTextWriterTest {

    @Test
    void trees_areWrittenCompactly_inMapOrder() {
        assertThat(JsonTextWriter.write(map("b", list(true, false, null), "a", map(), "c", list(1L, "x"))))
                .isEqualTo("{\"b\":[true,false,null],\"a\":{},\"c\":[1,\"x\"]}");
    }

    @Test
    void numbers_areExact_plainUnlessTheExponentIsHuge() {
        assertThat(JsonTextWriter.write(Arrays.asList(10000L, 7, (short) 3, (byte) -1, new BigDecimal("10000.50"),
                new BigDecimal("0.0000001"), new BigDecimal("1E+3"), BigInteger.TEN.pow(30), new BigDecimal("1E+400"),
                new BigDecimal("1E-400"))))
                .isEqualTo("[10000,7,3,-1,10000.50,0.0000001,1000,1000000000000000000000000000000,1E+400,1E-400]");
    }

    @Test
    void strings_escapeQuotesBackslashesControlsLineSeparatorsAndLoneSurrogates() {
        assertThat(JsonTextWriter.write("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
        assertThat(JsonTextWriter.write("\n\r\t\b\f\u0000\u001f\u007f")).isEqualTo("\"\\n\\r\\t\\b\\f\\u0000\\u001f\u007f\"");
        assertThat(JsonTextWriter.write("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
        assertThat(JsonTextWriter.write("😀 Zoë")).as("pairs and other characters as they are").isEqualTo("\"😀 Zoë\"");
        assertThat(JsonTextWriter.write("\ud800x\udc00\ud83d")).isEqualTo("\"\\ud800x\\udc00\\ud83d\"");
        assertThat(JsonTextWriter.write("\udc00\ud800")).as("a reversed pair is two lone halves").isEqualTo("\"\\udc00\\ud800\"");
    }

    @Test
    void whatTheWriterWrites_theReaderReadsBack() {
        Object tree = map("s", "\"\\\n\u0000\u2028😀", "n", list(0L, -5L, new BigDecimal("-0.015"), Long.MAX_VALUE),
                "deep", map("x", list(map("y", list()))));
        assertThat(JsonTextReader.read(JsonTextWriter.write(tree))).isEqualTo(tree);
    }

    @Test
    void loneSurrogates_areWrittenAsValidJson_thatOurReaderRefusesAsNotUnicode() {
        String json = JsonTextWriter.write("a\ud800");
        assertThat(json).isEqualTo("\"a\\ud800\"");
        assertThat(JsonTextDifferentialPropertyTest.jacksonTree(json)).as("RFC 8259's grammar allows it").isEqualTo("a\ud800");
        assertThat(Problems.of(() -> JsonTextReader.read(json))).singleElement().asString().contains("half of a surrogate pair");
    }

    @Test
    void valuesWithoutAJsonForm_areRefused() {
        assertThatThrownBy(() -> JsonTextWriter.write(List.of(1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonTextWriter.write(Map.of(1, 2))).isInstanceOf(IllegalArgumentException.class);
    }
}
