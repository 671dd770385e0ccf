package io.minicrm.domain.customer;

import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAndMoneyTest {

    @Test
    void email_isTrimmedAndLowerCased() {
        Email e = Email.of("  Ann.Lee+Promo@Example.COM ");
        assertThat(e.value()).isEqualTo("ann.lee+promo@example.com");
        assertThat(e.domain()).isEqualTo("example.com");
        assertThat(e).isEqualTo(Email.of("ann.lee+promo@example.com"));
        assertThat(e.toString()).isEqualTo("ann.lee+promo@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@", "@example.com", "a@localhost", "a b@example.com", "a@exa_mple.com",
            "a@-example.com", "a@example..com", "Ä@example.com"})
    void invalidEmails_areRejected(String raw) {
        assertThatThrownBy(() -> Email.of(raw)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("(root): not a valid e-mail address");
    }

    @Test
    void emailLimits_andTheConstructorOnlyAcceptsNormalisedAddresses() {
        assertThat(Email.of("a".repeat(64) + "@example.com").value()).hasSize(76);
        assertThatThrownBy(() -> Email.of("a".repeat(65) + "@example.com")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Email.of("a@" + "b".repeat(250) + ".com")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Email("Ann@example.com")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Email.of(null)).isInstanceOf(ValidationException.class).hasMessage("(root): email is required");
    }

    @Test
    void money_isExactInMinorUnits() {
        assertThat(Money.of(new BigDecimal("1499.5")).minor()).isEqualTo(149_950);
        assertThat(Money.of(new BigDecimal("1499.50"))).isEqualTo(Money.of(new BigDecimal("1499.500")));
        assertThat(Money.of(new BigDecimal("0.1")).plus(Money.of(new BigDecimal("0.2")))).isEqualTo(Money.of(new BigDecimal("0.3")));
        assertThat(Money.of(12).toString()).isEqualTo("12.00");
        assertThat(Money.ofMinor(1).toBigDecimal()).isEqualByComparingTo("0.01");
        assertThat(Money.of(new BigDecimal("1E+3")).minor()).isEqualTo(100_000);
        assertThat(Money.of(5).minus(Money.of(2))).isEqualTo(Money.of(3));
        assertThat(Money.of(5).compareTo(Money.of(6))).isNegative();
    }

    @Test
    void money_isBoundedAtTenToTheThirteenth_inclusive() {
        assertThat(Money.of(new BigDecimal("10000000000000")).minor()).isEqualTo(Money.MAX_MINOR);
        assertThat(Money.of(new BigDecimal("10000000000000.00"))).isEqualTo(Money.ofMinor(Money.MAX_MINOR));
        assertThatThrownBy(() -> Money.of(new BigDecimal("10000000000000.01"))).isInstanceOf(ValidationException.class)
                .hasMessage("(root): amount is larger than 10000000000000");
        assertThatThrownBy(() -> Money.ofMinor(Money.MAX_MINOR + 1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Money.ofMinor(Money.MAX_MINOR).plus(Money.ofMinor(1))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Money.of(2).minus(Money.of(3))).isInstanceOf(ValidationException.class)
                .hasMessage("(root): amount must not be negative");
    }

    @Test
    void money_rejectsFractionsOfACent_negativesAndHugeValues_quickly() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("1.005"))).isInstanceOf(ValidationException.class)
                .hasMessage("(root): amount has more than 2 decimals: 1.005");
        assertThatThrownBy(() -> Money.of(new BigDecimal("-0.01"))).isInstanceOf(ValidationException.class)
                .hasMessage("(root): amount must not be negative");
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e1000000000"))).isInstanceOf(ValidationException.class)
                .hasMessage("(root): amount is larger than 10000000000000");
        assertThatThrownBy(() -> Money.of(new BigDecimal("-1e1000000000"))).isInstanceOf(ValidationException.class)
                .hasMessage("(root): amount must not be negative");
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e-1000000000"))).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("(root): amount has more than 2 decimals");
        assertThatThrownBy(() -> Money.of(new BigDecimal(BigInteger.TEN.pow(10_000)))).isInstanceOf(ValidationException.class);
    }

    @Test
    void moneyParse_acceptsNumbersAndDecimalText_andReportsNothingElse() {
        assertThat(Money.parse("10.5")).contains(Money.ofMinor(1050));
        assertThat(Money.parse(" 7 ")).contains(Money.of(7));
        assertThat(Money.parse(3)).contains(Money.of(3));
        assertThat(Money.parse(0.1)).contains(Money.ofMinor(10));
        assertThat(Money.parse("abc")).isEmpty();
        assertThat(Money.parse("1.005")).isEmpty();
        assertThat(Money.parse(-1)).isEmpty();
        assertThat(Money.parse(Double.NaN)).isEmpty();
        assertThat(Money.parse("1e1000000000")).isEmpty();
        assertThat(Money.parse(true)).isEmpty();
        assertThat(Money.parse(null)).isEmpty();
    }
}
