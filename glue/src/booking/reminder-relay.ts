// Hands each due reminder job to n8n's workflow 07 at its instant. The job stays pg-boss's until
// n8n answers 2xx: a refusal or an outage fails the job and pg-boss retries it; workflow 07 claims
// each reminder once, so a retry after a lost answer never reminds twice.
import { SWITCHBOARD_SECRET_HEADER } from '../common/index.ts';
import type { Jobs } from '../jobs/index.ts';
import { REMINDER_QUEUE, type ReminderJob } from './reminders.ts';

export interface ReminderRelayOptions {
	jobs: Pick<Jobs, 'work'>;
	/** Workflow 07's webhook, e.g. http://n8n:5678/webhook/switchboard/appointment-reminder. */
	url: string;
	secret: string;
	timeoutMs?: number;
	fetch?: typeof fetch;
	logger?: { info(message: string, meta?: Record<string, unknown>): void };
}

export async function startReminderRelay(options: ReminderRelayOptions): Promise<void> {
	const send = options.fetch ?? fetch;
	await options.jobs.work<ReminderJob>(REMINDER_QUEUE, async (job) => {
		const response = await send(options.url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [SWITCHBOARD_SECRET_HEADER]: options.secret },
			body: JSON.stringify(job.data),
			signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
		});
		if (!response.ok) {
			throw new Error(`booking: workflow 07 answered HTTP ${response.status} for a reminder`);
		}
		options.logger?.info('booking: reminder handed to n8n', {
			appointmentId: job.data.appointmentId,
			offsetMinutes: job.data.offsetMinutes,
			lateMs: job.lateMs,
		});
	});
}
