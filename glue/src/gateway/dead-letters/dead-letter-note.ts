// The private note agents read when the bot gave up on a conversation's messages: what happened,
// why in their words, and what the operator can do. Agent-facing, so written here (English, like
// the triage's hand-off notes); the customer reads nothing of it.

export interface DeadLetterFacts {
	/** The inbound events nobody handled. */
	ledgerIds: number[];
	attempts: number;
	/** The forwarder's last error, e.g. "n8n answered HTTP 500". */
	lastError: string;
}

/** The forwarder's last error as an agent reads it. */
export function agentReason(lastError: string): string {
	const status = /HTTP (\d{3})/.exec(lastError)?.[1];
	if (status === '409') return 'the automation kept finding the conversation busy';
	if (status === '401' || status === '403')
		return 'the automation refused the gateway (a secret or credential is wrong)';
	if (status === '404' || status === '410')
		return 'the automation workflow is not active (its webhook was not found)';
	if (status?.startsWith('5')) return 'the automation failed while processing the messages';
	if (status) return `the automation refused the messages (HTTP ${status})`;
	return 'the automation could not be reached';
}

export function deadLetterNote(facts: DeadLetterFacts): string {
	const count = facts.ledgerIds.length;
	const messages = count === 1 ? "the customer's message" : `${count} of the customer's messages`;
	return [
		`The bot could not process ${messages}, so nobody has answered yet. Please reply to the customer.`,
		`Why: ${agentReason(facts.lastError)} (${facts.attempts} ${facts.attempts === 1 ? 'attempt' : 'attempts'}; last error: ${facts.lastError}).`,
		`For the operator: ledger ${count === 1 ? 'entry' : 'entries'} ${facts.ledgerIds.join(', ')}, listed by \`node glue/src/gateway/cli.ts dead-letters list\`.`,
	].join('\n\n');
}

/**
 * For a dead letter of opt-out words from a conversation a person has: the agent keeps it, and
 * learns the word was not acted on.
 */
export function optOutDeadLetterNote(facts: DeadLetterFacts): string {
	return [
		'The customer wrote an opt-out or opt-in word (STOP, START…) here, and the automation could not act on it: their broadcast subscription did not change and they got no confirmation.',
		'Please ask marketing to set or clear **Opted out at** on their recipient in Directus (Broadcasting → Recipients).',
		`Why: ${agentReason(facts.lastError)} (${facts.attempts} ${facts.attempts === 1 ? 'attempt' : 'attempts'}; last error: ${facts.lastError}).`,
		`For the operator: ledger ${facts.ledgerIds.length === 1 ? 'entry' : 'entries'} ${facts.ledgerIds.join(', ')}, listed by \`node glue/src/gateway/cli.ts dead-letters list\`.`,
	].join('\n\n');
}
