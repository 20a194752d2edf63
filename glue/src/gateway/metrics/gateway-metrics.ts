// Every series the gateway exposes on GET /metrics. One instance per process, passed to whoever
// counts; the names are the contract with dashboards, so change them only on purpose.
import { BOT_SKIP_REASONS } from '../../chatwoot/webhook-payload.ts';
import { createLedgerGauges } from './ledger-gauges.ts';
import { Counter, Histogram, Registry } from './registry.ts';
import { REJECT_REASONS, OTHER_DROP_REASONS } from '../webhooks/webhook.model.ts';
import { META_DROP_REASONS } from '../../meta/whatsapp-webhook.ts';

export function createGatewayMetrics() {
	const registry = new Registry();
	const counter = <L extends string = never>(
		name: string,
		help: string,
		initial: Record<L, string>[] = [],
	) => registry.register(new Counter<L>(name, help, initial));
	return {
		registry,
		received: counter('sb_gateway_webhooks_received_total', 'Webhook requests received.'),
		rejected: counter<'reason'>(
			'sb_gateway_webhooks_rejected_total',
			'Webhook requests refused (4xx) before anything was written, by reason.',
			REJECT_REASONS.map((reason) => ({ reason })),
		),
		dropped: counter<'reason'>(
			'sb_gateway_webhooks_dropped_total',
			'Signed webhooks accepted but not for the bot, by reason.',
			[...BOT_SKIP_REASONS, ...OTHER_DROP_REASONS].map((reason) => ({ reason })),
		),
		deduplicated: counter(
			'sb_gateway_webhooks_deduplicated_total',
			'Webhooks the ledger had already seen (same delivery id or same message).',
		),
		queued: counter<'source'>(
			'sb_gateway_messages_queued_total',
			'Customer messages written to the ledger for forwarding, by source.',
			['agent_bot', 'account', 'reconciler'].map((source) => ({ source })),
		),
		revised: counter(
			'sb_gateway_messages_revised_total',
			'Customer edits applied to a message still waiting in its batch.',
		),
		forwardedBatches: counter('sb_gateway_forwarded_batches_total', 'Batches n8n accepted (2xx).'),
		forwarded: counter('sb_gateway_forwarded_messages_total', 'Messages n8n accepted.'),
		forwardRetries: counter(
			'sb_gateway_forward_retries_total',
			'Failed forward attempts that will be retried after a backoff.',
		),
		forwardBusy: counter(
			'sb_gateway_forward_busy_total',
			'Forwards workflow 01 answered busy (another run holds the triage claim); no attempt spent.',
		),
		deadLettered: counter(
			'sb_gateway_dead_lettered_messages_total',
			'Messages given up on after the attempt limit or a permanent refusal.',
		),
		deadLetterHandoffs: counter(
			'sb_gateway_dead_letter_handoffs_total',
			'Dead-lettered batches handed to a person in Chatwoot with a note.',
		),
		reconcilerRuns: counter<'outcome'>(
			'sb_gateway_reconciler_runs_total',
			'Reconciler runs, by outcome.',
			[{ outcome: 'ok' }, { outcome: 'failed' }],
		),
		reconciled: counter(
			'sb_gateway_reconciled_messages_total',
			'Customer messages the reconciler found missing from the ledger and queued.',
		),
		// Meta's WhatsApp webhooks (/webhooks/meta) and their way on to Chatwoot.
		metaReceived: counter<'outcome'>(
			'sb_gateway_meta_webhooks_total',
			'Meta webhook POSTs, by outcome (stored, or refused before anything was written).',
			['stored', 'bad_signature', 'invalid_json', 'too_deep'].map((outcome) => ({ outcome })),
		),
		metaItems: counter<'kind'>(
			'sb_gateway_meta_items_stored_total',
			'Messages, statuses and echoes stored from Meta webhooks (repeats not counted).',
			['message', 'status', 'echo', 'other'].map((kind) => ({ kind })),
		),
		metaDropped: counter<'reason'>(
			'sb_gateway_meta_items_dropped_total',
			'Stored Meta items not forwarded to Chatwoot, by reason.',
			META_DROP_REASONS.map((reason) => ({ reason })),
		),
		metaForwarded: counter<'outcome'>(
			'sb_gateway_meta_forwards_total',
			'Attempts to hand a Meta item to Chatwoot, by outcome.',
			['done', 'retry', 'dead'].map((outcome) => ({ outcome })),
		),
		metaStatusesApplied: counter(
			'sb_gateway_meta_statuses_applied_total',
			'WhatsApp statuses handed to the broadcast deliveries.',
		),
		metaAckSeconds: registry.register(
			new Histogram(
				'sb_gateway_meta_webhook_ack_seconds',
				'Time from receiving a Meta webhook to answering it.',
				[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			),
		),
		ackSeconds: registry.register(
			new Histogram(
				'sb_gateway_webhook_ack_seconds',
				'Time from receiving a webhook to answering it.',
				[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
			),
		),
		// Read from the ledger at each scrape (the gateway registers the collector).
		ledger: createLedgerGauges(registry),
	};
}
export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
