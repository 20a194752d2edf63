// Messages per second through the whole inbound path: a customer writes (Chatwoot simulator) →
// signed webhook → gateway (ledger, debounce) → n8n workflow 01 (Directus content, Claude triage by
// the Anthropic simulator, which answers at once) → the bot's reply in Chatwoot.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/constants.ts';
import type { RunningServer } from '../../simulators/src/common/listen.ts';
import { customerWrites, newCustomer, setDepartmentHours } from '../../test/e2e/inbound-support.ts';
import type { E2eStack } from '../../test/e2e/stack.ts';
import { countCpu, measureBreakdown, type Breakdown } from './breakdown.ts';
import { ratePerSecond, summarize, type LatencySummary } from './stats.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;
// Answered from the Sales FAQ by the simulator's triage: an auto reply, not a hand-off.
const QUESTION = '¿Cuánto tarda la instalación?';

export interface EndToEndResult {
	messages: number;
	replied: number;
	/** Messages replied to, per second, from the first send to the last reply. */
	messagesPerSecond: number;
	/** Replies per second between the first and the last reply: the pipeline's pace without the debounce. */
	replyPacePerSecond: number;
	/** From each customer message to its bot reply, ms. */
	replyLatency: LatencySummary;
	sendMs: number;
	wallMs: number;
	outcomes: Record<string, number>;
	/** Where the time went (with `breakdown` in the options). */
	breakdown?: Breakdown;
}

/** Workflow 01 and the sub-workflows it runs: lead capture (03) for every batch, booking (06). */
const INBOUND_WORKFLOW_IDS = ['sbInboundTriage1', 'sbLeadCapture003', 'sbApptBooking006'];

export interface BreakdownOptions {
	/** The gateway's GATEWAY_DEBOUNCE_MS. */
	debounceMs: number;
}

interface LoggedRequest {
	path: string;
	body: unknown;
	time: string;
	status: number | null;
}

const REPLY_PATH = /\/conversations\/(\d+)\/messages$/;

/** Wall-clock ms of the first public bot reply in each conversation, from the simulator's log. */
async function repliesByConversation(chatwoot: RunningServer): Promise<Map<number, number>> {
	const res = await fetch(`${chatwoot.url}/__sim/requests?method=POST&path=/api/v1/accounts/*`);
	const entries = (await res.json()) as LoggedRequest[];
	const replies = new Map<number, number>();
	for (const entry of entries) {
		const match = REPLY_PATH.exec(entry.path);
		const body = entry.body as { private?: unknown; content?: unknown } | null;
		if (!match || !entry.status || entry.status >= 300 || body?.private === true) continue;
		const id = Number(match[1]);
		const at = Date.parse(entry.time);
		if (!replies.has(id) || replies.get(id)! > at) replies.set(id, at);
	}
	return replies;
}

async function waitForReplies(
	chatwoot: RunningServer,
	conversations: readonly number[],
	timeoutMs: number,
	pollMs = 500,
): Promise<Map<number, number>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const replies = await repliesByConversation(chatwoot);
		if (conversations.every((id) => replies.has(id)) || Date.now() > deadline) return replies;
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}

async function decisionOutcomes(
	pool: pg.Pool,
	conversations: readonly number[],
): Promise<Record<string, number>> {
	const { rows } = await pool.query<{ outcome: string; n: string }>(
		'select outcome, count(*) as n from sb_ai_decisions where conversation_id = any($1) group by outcome',
		[conversations],
	);
	return Object.fromEntries(rows.map((row) => [row.outcome, Number(row.n)]));
}

/** One message first, so that n8n's first execution (loading nodes, warming caches) is not timed. */
export async function warmEndToEnd(e2e: E2eStack, timeoutMs: number): Promise<number> {
	await setDepartmentHours(e2e, 'sales', 'always');
	const started = performance.now();
	const sent = await customerWrites(e2e.chatwoot, {
		to: SALES,
		from: newCustomer(),
		content: QUESTION,
	});
	const replies = await waitForReplies(e2e.chatwoot, [sent.conversationId], timeoutMs);
	if (!replies.has(sent.conversationId)) {
		throw new Error(
			`the warm-up message got no bot reply within ${timeoutMs} ms: see the stack's logs (n8n, gateway)`,
		);
	}
	return performance.now() - started;
}

export async function measureEndToEnd(
	e2e: E2eStack,
	options: { messages: number; timeoutMs: number; breakdown?: BreakdownOptions },
): Promise<EndToEndResult> {
	const sentAt = new Map<number, number>();
	const started = Date.now();
	const since = new Date(started - 1000);
	const cpu = countCpu(e2e);
	for (let i = 0; i < options.messages; i += 1) {
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from: newCustomer(),
			content: QUESTION,
		});
		sentAt.set(sent.conversationId, Date.now());
	}
	const sendMs = Date.now() - started;
	const conversations = [...sentAt.keys()];
	const replies = await waitForReplies(e2e.chatwoot, conversations, options.timeoutMs);
	const cpuMsPerMessage = cpu.perMessage(options.messages);
	const replyTimes = conversations.flatMap((id) => (replies.has(id) ? [replies.get(id)!] : []));
	const latencies = conversations.map((id) =>
		replies.has(id) ? replies.get(id)! - sentAt.get(id)! : Number.POSITIVE_INFINITY,
	);
	const first = Math.min(...replyTimes);
	const last = Math.max(...replyTimes);
	return {
		messages: options.messages,
		replied: replyTimes.length,
		messagesPerSecond: replyTimes.length ? ratePerSecond(replyTimes.length, last - started) : 0,
		replyPacePerSecond:
			replyTimes.length > 1 ? ratePerSecond(replyTimes.length - 1, last - first) : 0,
		replyLatency: summarize(latencies),
		sendMs,
		wallMs: (replyTimes.length ? last : Date.now()) - started,
		outcomes: await decisionOutcomes(e2e.pool, conversations),
		...(options.breakdown
			? {
					breakdown: {
						...(await measureBreakdown(e2e, {
							pool: e2e.pool,
							conversations,
							repliedAt: replies,
							debounceMs: options.breakdown.debounceMs,
							since,
							workflowIds: INBOUND_WORKFLOW_IDS,
						})),
						cpuMsPerMessage,
					},
				}
			: {}),
	};
}

export interface SingleMessageResult {
	messages: number;
	replied: number;
	/** From the end of each message's debounce (its arrival at the gateway + the debounce) to the reply, ms. */
	afterDebounce: LatencySummary;
	breakdown: Breakdown;
}

/**
 * One customer message at a time, each answered before the next is sent: the latency of a single
 * message on an idle pipeline, from the end of its debounce to the bot's reply.
 */
export async function measureSingleMessages(
	e2e: E2eStack,
	options: { messages: number; timeoutMs: number; debounceMs: number },
): Promise<SingleMessageResult> {
	const since = new Date(Date.now() - 1000);
	const cpu = countCpu(e2e);
	const conversations: number[] = [];
	for (let i = 0; i < options.messages; i += 1) {
		const sent = await customerWrites(e2e.chatwoot, {
			to: SALES,
			from: newCustomer(),
			content: QUESTION,
		});
		conversations.push(sent.conversationId);
		await waitForReplies(e2e.chatwoot, [sent.conversationId], options.timeoutMs, 50);
	}
	const cpuMsPerMessage = cpu.perMessage(options.messages);
	const replies = await repliesByConversation(e2e.chatwoot);
	const measured = await measureBreakdown(e2e, {
		pool: e2e.pool,
		conversations,
		repliedAt: replies,
		debounceMs: options.debounceMs,
		since,
		workflowIds: INBOUND_WORKFLOW_IDS,
	});
	const breakdown = { ...measured, cpuMsPerMessage };
	return {
		messages: options.messages,
		replied: conversations.filter((id) => replies.has(id)).length,
		afterDebounce: breakdown.stages[0]!.ms,
		breakdown,
	};
}
