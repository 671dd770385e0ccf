/**
 * The spellings of a rule: the canonical JSON tree ({@link io.minicrm.domain.segment.syntax.CanonicalRuleReader},
 * {@link io.minicrm.domain.segment.syntax.CanonicalRuleWriter}), the original frontend's rule groups
 * ({@link io.minicrm.domain.segment.syntax.LegacyRuleReader}, {@link io.minicrm.domain.segment.syntax.LegacyRuleWriter})
 * and the text DSL ({@link io.minicrm.domain.segment.syntax.DslParser},
 * {@link io.minicrm.domain.segment.syntax.DslPrinter}); {@link io.minicrm.domain.segment.syntax.RuleReaders} takes
 * any of the three. All readers type values through one {@code OperandReader}, so they accept and reject the
 * same values, and report every problem with its path.
 */
package io.minicrm.domain.segment.syntax;
