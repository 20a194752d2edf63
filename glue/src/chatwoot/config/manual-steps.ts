// What the config asks for that Chatwoot's API cannot do: the account setting
// keep_pending_on_bot_failure, set through Chatwoot's Rails runner instead. Production's first start
// runs it (scripts/production/first-start-plan.ts, chatwoot-config step); anywhere else the apply
// prints the command.
import type { ChatwootConfig } from './config-schema.ts';

/**
 * Ruby for `bundle exec rails runner` in Chatwoot's rails container (4.11+): sets the account's
 * `keep_pending_on_bot_failure` to the config's value, reads it back and exits non-zero unless
 * Chatwoot now has that value, so a deploy that could not set it fails instead of carrying on.
 * Upstream left the setting (PR #13512) out of the UI and of the account API on purpose:
 * `PATCH /api/v1/accounts/{id}` permits a fixed list of settings and drops this one without an
 * error, so writing it there would report success and change nothing. No single quote inside, so
 * the printed command can wrap it in one pair.
 */
export function keepPendingRubyScript(config: ChatwootConfig): string {
	const { id } = config.account;
	const wanted = config.account.keep_pending_on_bot_failure;
	return [
		`account = Account.find(${id})`,
		`account.update!(keep_pending_on_bot_failure: ${wanted})`,
		`value = ActiveModel::Type::Boolean.new.cast(Account.find(${id}).keep_pending_on_bot_failure) == true`,
		`abort("Chatwoot account ${id}: keep_pending_on_bot_failure is #{value}, not ${wanted}") unless value == ${wanted}`,
		`puts "Chatwoot account ${id}: keep_pending_on_bot_failure=#{value}"`,
	].join('; ');
}

/** `rails runner` with the script, as arguments for the rails container (no shell involved). */
export function keepPendingRailsRunner(config: ChatwootConfig): string[] {
	return ['bundle', 'exec', 'rails', 'runner', keepPendingRubyScript(config)];
}

/**
 * What the operator is told after an apply. Production's first start sets the setting itself (its
 * chatwoot-config step runs keepPendingRailsRunner and checks it); another Chatwoot needs the
 * command once. Nothing when the config leaves the setting off, Chatwoot's default.
 */
export function manualSteps(config: ChatwootConfig): string[] {
	if (!config.account.keep_pending_on_bot_failure) return [];
	return [
		"Chatwoot: keep_pending_on_bot_failure cannot be set through Chatwoot's API. Production's " +
			'first start sets it (scripts/production/first-start.ts --only=chatwoot-config); on ' +
			'another Chatwoot (4.11+) run once in its rails container: bundle exec rails runner ' +
			`'${keepPendingRubyScript(config)}'. Until then a failed bot delivery opens the ` +
			'conversation for people (workflow 01 still routes it to the team, without a reply).',
	];
}
