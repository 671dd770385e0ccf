/**
 * The offline AI assistant: the in-process implementation of the
 * {@link io.minicrm.application.port.AiAssistant} port, with no network and no dependency beyond the JDK
 * and the domain. {@link io.minicrm.application.ai.offline.OfflineAssistant} suggests messages from a curated
 * catalogue by objective and tone, reads common English descriptions of an audience into a rule
 * ({@code EnglishRuleParser}, phrase by phrase), and summarises a campaign from its facts. It is what an
 * embedded Mini CRM and the server run with when no OpenAI key is configured, and the OpenAI adapter's
 * fallback when the API is unavailable.
 */
package io.minicrm.application.ai.offline;
