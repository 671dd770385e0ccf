/**
 * Segments and their rule language: the rule AST ({@link io.minicrm.domain.segment.Rule},
 * {@link io.minicrm.domain.segment.Condition}, {@link io.minicrm.domain.segment.Operand},
 * {@link io.minicrm.domain.segment.Operator}), the field catalog ({@link io.minicrm.domain.segment.StandardField},
 * {@link io.minicrm.domain.segment.AttributeField}, {@link io.minicrm.domain.segment.FieldCatalog},
 * {@link io.minicrm.domain.segment.Signatures}), the size limits and the {@link io.minicrm.domain.segment.Segment}
 * itself.
 *
 * <p>Two packages build on it and never on each other: {@code segment.syntax} reads and writes the spellings
 * of a rule (canonical JSON tree, the old frontend's rule groups, the DSL), {@code segment.eval} compiles a
 * rule into an allocation-free predicate over customers.
 */
package io.minicrm.domain.segment;
