/**
 * Chatwoot is in a state the script must not paper over: a department's WhatsApp inbox is missing or
 * carries another phone-number id, two records share a name the config matches on, or the token is
 * not an administrator's. Raised before anything is changed.
 */
export class ChatwootConfigStateError extends Error {
	readonly code = 'CHATWOOT_CONFIG_CONFLICT';
	readonly problems: string[];

	constructor(problems: string[]) {
		super(
			`chatwoot config: nothing was changed, because Chatwoot needs fixing first:\n${problems
				.map((problem) => `  - ${problem}`)
				.join('\n')}`,
		);
		this.name = 'ChatwootConfigStateError';
		this.problems = problems;
	}
}
