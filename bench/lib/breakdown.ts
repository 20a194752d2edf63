// Where a message's time goes between the end of its debounce and the bot's reply: the gateway's
// forward (ledger timestamps), n8n's queue and execution (its execution records), each node of
// workflow 01 (the execution data's per-node start and duration), and the reply as Chatwoot saw it.
import type pg from 'pg';
import type { E2eStack } from '../../test/e2e/stack.ts';
import { cpuSecondsOf } from './proc-stats.ts';
import { summarize, type LatencySummary } from './stats.ts';

interface NodeRun {
	startTime?: number;
	executionTime?: number;
}

interface ExecutionWithData {
	id: string;
	workflowId: string;
	createdAt?: string;
	startedAt: string;
	stoppedAt?: string;
	data?: {
		resultData?: { runData?: Record<string, NodeRun[]> };
		executionData?: { resultData?: { runData?: Record<string, NodeRun[]> } };
	};
}

export interface StageFigures {
	/** What the stage is, in a few words. */
	what: string;
	ms: LatencySummary;
}

export interface Breakdown {
	executions: number;
	/** Ordered from the end of the debounce to the reply. */
	stages: StageFigures[];
	/** Per node of workflow 01 (sub-workflow 03 under its own name), mean and p99 of its own run, ms. */
	nodes: Array<{ node: string; runs: number; meanMs: number; p99Ms: number | null }>;
	/** Sum of the nodes' own times, mean per execution: the rest of an execution is n8n's own. */
	nodeSumMeanMs: number;
	executionMeanMs: number;
	/** CPU ms per message of each process (group) of the stack, while the messages were handled. */
	cpuMsPerMessage?: Record<string, number>;
}

/** The stack's processes by role: process-group leaders, and this process (the simulators run here). */
function stackProcesses(e2e: E2eStack): Record<string, number[]> {
	const pids = (handles: ReadonlyArray<{ pid?: number } | undefined>) =>
		handles.flatMap((handle) => (handle?.pid ? [handle.pid] : []));
	const { stack } = e2e;
	return {
		gateway: pids([e2e.gateway.process]),
		'n8n main': pids([stack.n8n.process]),
		'n8n webhook processor': pids([stack.n8nWebhook?.process]),
		'n8n workers': pids(stack.n8nWorkers.map((worker) => worker.process)),
		'n8n task runners': pids(stack.n8nWorkers.map((worker) => worker.runners?.current)),
		directus: pids([stack.directus.process]),
	};
}

/** Starts counting CPU; `perMessage(n)` gives each role's CPU ms per message since. */
export function countCpu(e2e: E2eStack): { perMessage(messages: number): Record<string, number> } {
	const roles = stackProcesses(e2e);
	const read = () => {
		const seconds: Record<string, number> = {};
		for (const [role, pids] of Object.entries(roles)) {
			seconds[role] = pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
		}
		const own = process.cpuUsage();
		seconds['simulators (Chatwoot, Anthropic) and this bench'] = (own.user + own.system) / 1e6;
		return seconds;
	};
	const before = read();
	return {
		perMessage(messages) {
			const after = read();
			return Object.fromEntries(
				Object.entries(after).map(([role, s]) => [
					role,
					Math.round(((s - (before[role] ?? 0)) * 1000) / Math.max(messages, 1)),
				]),
			);
		},
	};
}

const mean = (values: readonly number[]) =>
	values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : 0;

async function executionsWithData(
	e2e: E2eStack,
	workflowIds: readonly string[],
	since: Date,
): Promise<ExecutionWithData[]> {
	const found: ExecutionWithData[] = [];
	for (const workflowId of workflowIds) {
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '100' });
			if (cursor) query.set('cursor', cursor);
			const res = await fetch(`${e2e.stack.n8n.url}/api/v1/executions?${query}`, {
				headers: { 'X-N8N-API-KEY': e2e.stack.n8n.apiKey },
			});
			if (!res.ok) throw new Error(`n8n /executions answered HTTP ${res.status}`);
			const page = (await res.json()) as { data: ExecutionWithData[]; nextCursor?: string | null };
			const recent = page.data.filter((execution) => new Date(execution.startedAt) >= since);
			found.push(...recent);
			cursor = recent.length === page.data.length ? (page.nextCursor ?? undefined) : undefined;
		} while (cursor);
	}
	return found;
}

function runDataOf(execution: ExecutionWithData): Record<string, NodeRun[]> {
	return (
		execution.data?.resultData?.runData ?? execution.data?.executionData?.resultData?.runData ?? {}
	);
}

interface LedgerTimes {
	conversation_id: string;
	last_received_at: Date;
	claimed_at: Date | null;
	done_at: Date | null;
	forwarded_at: Date | null;
}

/**
 * The stages of each conversation's batch, from the ledger (debounce end, triage claim and its
 * completion, forward acknowledged), n8n (execution created, started, stopped) and Chatwoot (reply
 * time). The per-node figures need n8n to keep the data of successful executions.
 */
export async function measureBreakdown(
	e2e: E2eStack,
	options: {
		pool: pg.Pool;
		conversations: readonly number[];
		repliedAt: ReadonlyMap<number, number>;
		/** The gateway's GATEWAY_DEBOUNCE_MS: a batch is due this long after its last message. */
		debounceMs: number;
		since: Date;
		workflowIds: readonly string[];
	},
): Promise<Breakdown> {
	const { rows } = await options.pool.query<LedgerTimes>(
		`select e.conversation_id, max(e.received_at) as last_received_at, min(c.claimed_at) as claimed_at,
		        max(c.done_at) as done_at, max(e.forwarded_at) as forwarded_at
		   from sb_inbound_events e left join sb_inbound_claims c on c.inbound_event_id = e.id
		  where e.conversation_id = any($1) group by e.conversation_id`,
		[options.conversations],
	);
	const executions = await executionsWithData(e2e, options.workflowIds, options.since);
	const toClaim: number[] = [];
	const dueToReply: number[] = [];
	const replyToDone: number[] = [];
	const doneToAck: number[] = [];
	for (const row of rows) {
		const due = row.last_received_at.getTime() + options.debounceMs;
		const replied = options.repliedAt.get(Number(row.conversation_id));
		if (row.claimed_at) toClaim.push(row.claimed_at.getTime() - due);
		if (replied !== undefined) {
			dueToReply.push(replied - due);
			if (row.done_at) replyToDone.push(row.done_at.getTime() - replied);
		}
		if (row.done_at && row.forwarded_at) {
			doneToAck.push(row.forwarded_at.getTime() - row.done_at.getTime());
		}
	}
	const running = new Map<string, number[]>();
	const perNode = new Map<string, number[]>();
	const nodeSums: number[] = [];
	for (const execution of executions) {
		const started = Date.parse(execution.startedAt);
		if (execution.stoppedAt) {
			const list = running.get(execution.workflowId) ?? [];
			list.push(Date.parse(execution.stoppedAt) - started);
			running.set(execution.workflowId, list);
		}
		let sum = 0;
		for (const [node, runs] of Object.entries(runDataOf(execution))) {
			for (const run of runs) {
				const ms = run.executionTime ?? 0;
				sum += ms;
				const list = perNode.get(node) ?? [];
				list.push(ms);
				perNode.set(node, list);
			}
		}
		nodeSums.push(sum);
	}
	const nodes = [...perNode]
		.map(([node, times]) => ({
			node,
			runs: times.length,
			meanMs: mean(times),
			p99Ms: summarize(times).p99,
		}))
		.sort((a, b) => b.meanMs - a.meanMs);
	return {
		executions: executions.length,
		stages: [
			{ what: 'debounce end → bot reply in Chatwoot', ms: summarize(dueToReply) },
			{ what: 'debounce end → workflow 01 claims the batch', ms: summarize(toClaim) },
			...options.workflowIds.map((id) => ({
				what: `n8n execution of ${id}, started → stopped`,
				ms: summarize(running.get(id) ?? []),
			})),
			{ what: 'bot reply → claim completed', ms: summarize(replyToDone) },
			{ what: 'claim completed → gateway has the answer', ms: summarize(doneToAck) },
		],
		nodes,
		nodeSumMeanMs: mean(nodeSums),
		executionMeanMs: mean([...running.values()].flat()),
	};
}

/** Markdown lines for the report. */
export function breakdownMarkdown(title: string, breakdown: Breakdown): string[] {
	const f = (value: number | null) =>
		value === null || !Number.isFinite(value) ? '–' : value.toFixed(0);
	const lines = [
		`### ${title}`,
		'',
		`${breakdown.executions} executions; per execution the nodes' own time sums to ` +
			`${f(breakdown.nodeSumMeanMs)} ms of ${f(breakdown.executionMeanMs)} ms (mean).`,
		'',
		'| stage | n | p50 ms | p99 ms | mean ms |',
		'|---|---:|---:|---:|---:|',
		...breakdown.stages.map(
			(stage) =>
				`| ${stage.what} | ${stage.ms.count} | ${f(stage.ms.p50)} | ${f(stage.ms.p99)} | ${f(stage.ms.meanOk)} |`,
		),
		'',
		...(breakdown.cpuMsPerMessage
			? [
					'| process | CPU ms per message |',
					'|---|---:|',
					...Object.entries(breakdown.cpuMsPerMessage).map(([role, ms]) => `| ${role} | ${ms} |`),
					'',
				]
			: []),
		'| node | runs | mean ms | p99 ms |',
		'|---|---:|---:|---:|',
		...breakdown.nodes.map(
			(node) => `| ${node.node} | ${node.runs} | ${f(node.meanMs)} | ${f(node.p99Ms)} |`,
		),
	];
	return lines;
}
