package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.adapter.http.json.JacksonTreeCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonTreeCodecTest {
    final JacksonTreeCodec codec = new JacksonTreeCodec();

    @Test
    void plainTrees_roundTripExactly_withNumbersNeverAsDouble() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("money", new BigDecimal("12345678901234.57"));
        tree.put("tiny", new BigDecimal("0.1"));
        tree.put("int", 42);
        tree.put("long", 9_007_199_254_740_993L);
        tree.put("big", new BigInteger("123456789012345678901234567890"));
        tree.put("list", new ArrayList<>(Arrays.asList("a", true, null)));
        tree.put("nested", new LinkedHashMap<>(Map.of("k", "v")));
        Object back = codec.parse(codec.write(tree));
        assertThat(back).isEqualTo(tree);
        assertThat(((Map<?, ?>) back).get("tiny")).isInstanceOf(BigDecimal.class);
        assertThat(codec.write(Map.of("e", new BigDecimal("1E+3")))).isEqualTo("{\"e\":1000}");
    }

    @Test
    void malformedDuplicateOrOverDeepText_isRefused() {
        assertThatThrownBy(() -> codec.parse("{\"a\": 1, \"a\": 2}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.parse("{\"a\": ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.parse("[" .repeat(100) + "]".repeat(100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.parse("1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThat(codec.parse("[[[]]]")).isEqualTo(List.of(List.of(List.of())));
    }
}
