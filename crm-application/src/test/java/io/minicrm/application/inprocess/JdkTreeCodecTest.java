package io.minicrm.application.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JdkTreeCodecTest {
    private final JdkTreeCodec codec = new JdkTreeCodec();

    @Test
    void plainTrees_roundTrip_whateverMapAndListClassesTheyUse() {
        Map<String, Object> hash = new HashMap<>();
        hash.put("int", 1);
        hash.put("long", 2L);
        hash.put("double", 2.5);
        hash.put("big", new BigDecimal("12345678901234567890.123"));
        hash.put("huge", new BigInteger("123456789012345678901234567890"));
        hash.put("bool", true);
        hash.put("null", null);
        hash.put("text", "héllo \u0000 \"quoted\"");
        Map<String, Object> tree = new TreeMap<>(Map.of("nested", List.of(hash, Map.of("k", List.of()), new ArrayList<>(List.of(1, "x"))),
                "linked", new LinkedHashMap<>(Map.of("a", "b"))));
        List<Object> rows = List.of(tree, Map.of("email", "a@example.com"), List.of(List.of(List.of())));

        Object back = codec.parse(codec.write(rows));

        assertThat(back).isEqualTo(rows);
    }

    @Test
    void anythingButAPlainTree_isRefusedWhenWriting() {
        assertThatThrownBy(() -> codec.write(List.of(new Date()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
        Object deep = "leaf";
        for (int i = 0; i < 200; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> codec.write(tooDeep)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payloadsWithOtherClasses_orGarbage_areRefusedWhenReading() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(new Date())));
        }
        String smuggled = Base64.getEncoder().encodeToString(bytes.toByteArray());

        assertThatThrownBy(() -> codec.parse(smuggled)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.parse("not base64 at all!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.parse(Base64.getEncoder().encodeToString("garbage".getBytes())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
