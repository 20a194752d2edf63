// The daily dead-letter report operations get by e-mail: every conversation whose messages the
// gateway gave up forwarding and nobody has replayed yet. Read-only, so building it twice is
// harmless; ids, counts and errors only, never what a customer wrote.
import { listDeadLetters, type DeadLetter } from '../log-store/ledger-queue.ts';
import type { Queryable } from '../log-store/repository.ts';

const DAY_MS = 86_400_000;
const COUNT_DEAD = `select count(*)::int as open, (count(*) filter (where received_at >= $1))::int as "lastDay"
from sb_inbound_events where status = 'dead'`;

export interface DeadLetterReportOptions {
	now: Date;
	/** Letters listed in the mail; the counts always cover all of them. */
	limit?: number;
}

export interface DeadLetterReport {
	generatedAt: Date;
	/** Dead letters not replayed yet. */
	open: number;
	/** Of those, received in the 24 hours before `generatedAt`. */
	lastDay: number;
	letters: DeadLetter[];
	subject: string;
	text: string;
}

export const REPLAY_HELP = [
	'To send them to the automation again once the cause is fixed:',
	'- in n8n, open the workflow "04 Housekeeping", put the ids into "Replay dead letters" and run it;',
	'- or on the server: node glue/src/gateway/cli.ts dead-letters replay <id> … (or --all).',
].join('\n');

export async function deadLetterReport(
	db: Queryable,
	options: DeadLetterReportOptions,
): Promise<DeadLetterReport> {
	const limit = options.limit ?? 200;
	const [letters, counted] = await Promise.all([
		listDeadLetters(db, limit),
		db.query(COUNT_DEAD, [new Date(options.now.getTime() - DAY_MS)]),
	]);
	const { open, lastDay } = counted.rows[0] as { open: number; lastDay: number };
	return {
		generatedAt: options.now,
		open,
		lastDay,
		letters,
		subject: reportSubject(open, lastDay),
		text: reportText(open, letters),
	};
}

export function reportSubject(open: number, lastDay: number): string {
	if (open === 0) return 'Switchboard: no dead letters';
	const plural = open === 1 ? 'dead letter' : 'dead letters';
	return `Switchboard: ${open} ${plural} waiting for a replay (${lastDay} new in the last 24 hours)`;
}

function reportText(open: number, letters: DeadLetter[]): string {
	if (open === 0)
		return 'The gateway has forwarded every message to the automation: nothing to replay.';
	const lines = letters.map(
		(letter) =>
			`#${letter.id}  conversation ${letter.conversationId ?? '-'}  ${letter.attempts} attempts` +
			`  received ${letter.receivedAt.toISOString()}  last error: ${letter.lastError ?? '-'}`,
	);
	const cut =
		open > letters.length ? [`… and ${open - letters.length} more (dead-letters list).`] : [];
	return [
		`The gateway gave up forwarding these messages to the automation. Each conversation was handed to`,
		`its team with a private note, so a person has it; the bot has not triaged them.`,
		'',
		...lines,
		...cut,
		'',
		REPLAY_HELP,
	].join('\n');
}
