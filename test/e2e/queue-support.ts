// Which n8n process ran an execution, from what n8n itself writes: in queue mode the process that
// queues a production webhook logs "Enqueued execution <id> (job <n>)" (ScalingService), and the
// worker that takes the job logs "Worker started execution <id> (job <n>)" (JobProcessor).
import { readFileSync } from 'node:fs';
import { listExecutions, type E2eStack, type N8nExecution } from './stack.ts';

export const INBOUND_WORKFLOW_ID = 'sbInboundTriage1';

/** The processes whose log has `line` for this execution: n8n, n8n-webhook, n8n-worker-<n>. */
export function processesLogging(
	e2e: E2eStack,
	line: 'Enqueued execution' | 'Worker started execution',
	executionId: string,
): string[] {
	const processes = [
		{ name: 'n8n', logFile: e2e.stack.n8n.logFile },
		...(e2e.stack.n8nWebhook ? [e2e.stack.n8nWebhook] : []),
		...e2e.stack.n8nWorkers,
	];
	const pattern = new RegExp(`^${line} ${executionId} \\(job \\d+\\)`, 'm');
	return processes
		.filter(({ logFile }) => pattern.test(readFileSync(logFile, 'utf8')))
		.map(({ name }) => name);
}

/** Workflow 01's executions whose batch was this conversation's, newest first (up to 100 looked at). */
export async function inboundExecutionsOf(
	e2e: E2eStack,
	conversationId: number,
): Promise<N8nExecution[]> {
	const runs = await listExecutions(e2e, {
		workflowId: INBOUND_WORKFLOW_ID,
		includeData: 'true',
		limit: '100',
	});
	const batchOf = new RegExp(`"conversationId":${conversationId}[,}]`);
	return runs.filter((run) => batchOf.test(JSON.stringify(run.data ?? {})));
}

/** The ids of every execution of a workflow n8n kept, following the public API's cursor. */
export async function executionIds(e2e: E2eStack, workflowId: string): Promise<string[]> {
	const ids: string[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ workflowId, limit: '250', ...(cursor ? { cursor } : {}) });
		const res = await fetch(`${e2e.stack.n8n.url}/api/v1/executions?${query}`, {
			headers: { 'X-N8N-API-KEY': e2e.stack.n8n.apiKey },
		});
		if (!res.ok) throw new Error(`n8n /executions answered HTTP ${res.status}`);
		const page = (await res.json()) as { data: Array<{ id: string }>; nextCursor?: string | null };
		ids.push(...page.data.map((run) => String(run.id)));
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return ids;
}
