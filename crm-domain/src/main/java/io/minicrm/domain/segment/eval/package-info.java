/**
 * Evaluation of rules: {@link io.minicrm.domain.segment.eval.CompiledRule} compiles a rule once into a tree of
 * small predicate nodes and tests customers against it without allocating. The package-private
 * {@code RuleCompiler} compiles the connectives and hands each condition to its operand family's file
 * ({@code NumberNodes}, {@code TextNodes}, {@code DateNodes}, {@code TagNodes}, {@code BooleanNodes},
 * {@code AttributeNodes}).
 */
package io.minicrm.domain.segment.eval;
