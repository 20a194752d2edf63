// What the config asks for that Chatwoot's API cannot do, as instructions for the operator.
import type { ChatwootConfig } from './config-schema.ts';

/**
 * `keep_pending_on_bot_failure` is an account setting (Chatwoot 4.11+, PR #13512) that upstream
 * left out of the UI and out of the account API on purpose: `PATCH /api/v1/accounts/{id}` permits
 * a fixed list of settings and drops it without an error, so writing it there would report
 * success and change nothing. It is set once in Chatwoot's Rails console, and the apply says so.
 */
export function manualSteps(config: ChatwootConfig): string[] {
	if (!config.account.keep_pending_on_bot_failure) return [];
	const ruby = `Account.find(${config.account.id}).update!(keep_pending_on_bot_failure: true)`;
	return [
		"Chatwoot: keep_pending_on_bot_failure cannot be set through Chatwoot's API; set it once " +
			`(Chatwoot 4.11+) in the Chatwoot container: bundle exec rails runner '${ruby}'. ` +
			'Until then a failed bot delivery opens the conversation for people, untriaged.',
	];
}
