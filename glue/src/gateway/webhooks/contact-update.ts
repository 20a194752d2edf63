// contact_updated from Chatwoot's account webhook: when an agent changed the contact's Stage
// attribute, the move is recorded as the agent's. Our own mirror writes come back here too and are
// recognised by the stages (nothing recorded twice, so the mirror never loops).
import { readStageChange } from '../../stages/contact-update.ts';
import { recordAgentStageChange, type StagePool } from '../../stages/repository.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { WebhookOutcome, WebhookSource } from './webhook.model.ts';

export interface ContactUpdateDeps {
	pool: StagePool;
	metrics: GatewayMetrics;
	/** CHATWOOT_ACCOUNT_ID: the account of a payload that names none. */
	accountId?: number | null;
	logger?: { warn(message: string, meta?: Record<string, unknown>): void };
}

export async function handleContactUpdate(
	deps: ContactUpdateDeps,
	json: unknown,
	source: WebhookSource,
): Promise<WebhookOutcome> {
	const change = readStageChange(json);
	if (!change) {
		deps.metrics.dropped.inc({ reason: 'not_message_event' });
		return { kind: 'dropped', reason: 'not_message_event', source, ledgerId: null };
	}
	const accountId = change.accountId ?? deps.accountId ?? null;
	if (accountId === null) {
		deps.metrics.rejected.inc({ reason: 'invalid_payload' });
		return {
			kind: 'rejected',
			status: 400,
			reason: 'invalid_payload',
			issues: ['account.id: missing'],
		};
	}
	const outcome = await recordAgentStageChange(deps.pool, { ...change, accountId });
	if (outcome.kind === 'refused') {
		// The stage mirror puts Chatwoot's attribute back to the logged stage.
		deps.logger?.warn('gateway: refused an agent stage change the lifecycle forbids', {
			contactId: change.contactId,
			from: outcome.error.from,
			to: outcome.error.to,
		});
	}
	return {
		kind: 'stage',
		source,
		result: outcome.kind,
		stage: outcome.stage,
		...(outcome.kind === 'ignored' ? { reason: outcome.reason } : {}),
	};
}
