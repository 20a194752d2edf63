/**
 * How urgent a customer's message is, as the triage's structured output names it and the
 * sb_ai_decisions check constraint stores it; the router maps it onto Chatwoot's priorities.
 *
 * @example
 * z.enum(URGENCIES).parse('critical'); // 'critical'
 */
export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];
