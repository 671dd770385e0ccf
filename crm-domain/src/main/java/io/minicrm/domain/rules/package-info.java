/**
 * The rule engine's front door: {@link io.minicrm.domain.rules.Rules} reads segment rules from DSL or JSON text,
 * prints them in either spelling and tests customers against them. Built on the rule AST of
 * {@code io.minicrm.domain.segment}, the readers and printers of {@code segment.syntax} and the evaluator of
 * {@code segment.eval}; none of those depends on this package.
 */
package io.minicrm.domain.rules;
