// Gauges read from the ledger at scrape time: what the counters cannot say after a restart or across
// two replicas (how many messages wait, for how long, how many dead letters are open, how often the
// triage fell back). Every replica reports the same ledger, so alert on max(), not sum()
// (compose/prometheus/alerts.yml). All queries hit partial or (outcome, created_at) indexes.
import type { Queryable } from '../../log-store/repository.ts';
import { OUTCOMES } from '../../log-store/schemas.ts';
import { Gauge, type Registry } from './registry.ts';

/** The window of sb_gateway_decisions_recent; alert rules divide within it. */
export const DECISION_WINDOW_MINUTES = 15;
const TIMEOUT_MS = 2000;

export function createLedgerGauges(registry: Registry) {
	const gauge = <L extends string = never>(
		name: string,
		help: string,
		initial: Record<L, string>[] = [],
	) => registry.register(new Gauge<L>(name, help, initial));
	return {
		up: gauge(
			'sb_gateway_ledger_up',
			'1 when the last scrape could read the ledger (the gauges below), 0 when it could not.',
		),
		waiting: gauge<'queue'>(
			'sb_gateway_waiting_messages',
			'Messages not yet handed on: customer messages to n8n (chatwoot), WhatsApp items to Chatwoot (meta).',
			[{ queue: 'chatwoot' }, { queue: 'meta' }],
		),
		oldestWaiting: gauge<'queue'>(
			'sb_gateway_oldest_waiting_seconds',
			'Age of the oldest message not yet handed on, by queue (0 when none waits): the forward lag.',
			[{ queue: 'chatwoot' }, { queue: 'meta' }],
		),
		deadLetters: gauge<'queue'>(
			'sb_gateway_open_dead_letters',
			'Dead letters not replayed yet, by queue (dead-letters list / meta-dead-letters list).',
			[{ queue: 'chatwoot' }, { queue: 'meta' }],
		),
		decisions: gauge<'outcome'>(
			'sb_gateway_decisions_recent',
			`Triage decisions logged in the last ${DECISION_WINDOW_MINUTES} minutes, by outcome.`,
			OUTCOMES.map((outcome) => ({ outcome })),
		),
	};
}
export type LedgerGauges = ReturnType<typeof createLedgerGauges>;

/** One statement, rows of (metric, label, value); groups that are empty return no row. */
export const LEDGER_GAUGES_SQL =
	"select 'waiting' as metric, 'chatwoot' as label, count(*)::float8 as value," +
	' coalesce(extract(epoch from now() - min(received_at)), 0)::float8 as age' +
	" from sb_inbound_events where status in ('pending', 'forwarding')" +
	" union all select 'waiting', 'meta', count(*)::float8," +
	' coalesce(extract(epoch from now() - min(received_at)), 0)::float8' +
	" from sb_meta_events where forward_state in ('pending', 'forwarding')" +
	" union all select 'dead', 'chatwoot', count(*)::float8, 0 from sb_inbound_events where status = 'dead'" +
	" union all select 'dead', 'meta', count(*)::float8, 0 from sb_meta_events where forward_state = 'dead'" +
	" union all select 'decisions', outcome, count(*)::float8, 0 from sb_ai_decisions" +
	` where created_at > now() - interval '${DECISION_WINDOW_MINUTES} minutes' group by outcome`;

interface GaugeRow {
	metric: 'waiting' | 'dead' | 'decisions';
	label: string;
	value: number;
	age: number;
}

/**
 * Sets the gauges from the ledger. Never throws: a ledger that does not answer within 2 s leaves
 * the other gauges at 0 and sets sb_gateway_ledger_up to 0, which is what an alert should see.
 */
export async function collectLedgerGauges(db: Queryable, gauges: LedgerGauges): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('ledger: no answer')), TIMEOUT_MS);
	});
	for (const gauge of [
		gauges.waiting,
		gauges.oldestWaiting,
		gauges.deadLetters,
		gauges.decisions,
	]) {
		gauge.reset();
	}
	try {
		const { rows } = await Promise.race([db.query(LEDGER_GAUGES_SQL), timeout]);
		for (const row of rows as GaugeRow[]) {
			if (row.metric === 'waiting') {
				gauges.waiting.set({ queue: row.label }, Number(row.value));
				gauges.oldestWaiting.set({ queue: row.label }, Math.round(Number(row.age) * 1000) / 1000);
			} else if (row.metric === 'dead') {
				gauges.deadLetters.set({ queue: row.label }, Number(row.value));
			} else {
				gauges.decisions.set({ outcome: row.label }, Number(row.value));
			}
		}
		gauges.up.set({}, 1);
	} catch {
		gauges.up.set({}, 0);
	} finally {
		clearTimeout(timer);
	}
}
