// `dead-letters list | replay <id>… | replay --all`: what the forwarder gave up on, and sending it
// again (back to pending, attempts from zero) once n8n or its secret is fixed.
import { listDeadLetters, replayDeadLetters } from '../../log-store/ledger-queue.ts';
import type { Queryable } from '../../log-store/repository.ts';

export interface CommandIo {
	out(line: string): void;
	err(line: string): void;
}

export const DEAD_LETTERS_USAGE = [
	'usage: node glue/src/gateway/cli.ts dead-letters list [--limit N]',
	'       node glue/src/gateway/cli.ts dead-letters replay <id> [<id> …]',
	'       node glue/src/gateway/cli.ts dead-letters replay --all',
].join('\n');

/** Exit status: 0 done, 1 nothing matched, 2 bad usage. */
export async function deadLettersCommand(
	args: string[],
	db: Queryable,
	io: CommandIo,
): Promise<number> {
	const [action, ...rest] = args;
	if (action === 'list') {
		const limit = rest[0] === '--limit' ? Number(rest[1]) : 100;
		if (!Number.isInteger(limit) || limit < 1 || (rest.length && rest.length !== 2))
			return usage(io);
		const letters = await listDeadLetters(db, limit);
		if (letters.length === 0) {
			io.out('no dead letters');
			return 0;
		}
		io.out(
			['id', 'source', 'conversation', 'message', 'attempts', 'received_at', 'last_error'].join(
				'\t',
			),
		);
		for (const letter of letters) {
			io.out(
				[
					letter.id,
					letter.source,
					letter.conversationId ?? '-',
					letter.chatwootMessageId ?? '-',
					letter.attempts,
					letter.receivedAt.toISOString(),
					letter.lastError ?? '-',
				].join('\t'),
			);
		}
		return 0;
	}
	if (action === 'replay') {
		const all = rest.length === 1 && rest[0] === '--all';
		const ids = all ? [] : rest.map(Number);
		if (!all && (ids.length === 0 || !ids.every((id) => Number.isInteger(id) && id > 0))) {
			return usage(io);
		}
		const replayed = await replayDeadLetters(db, all ? 'all' : ids);
		if (replayed.length === 0) {
			io.err(all ? 'no dead letters to replay' : `not dead letters: ${ids.join(', ')}`);
			return 1;
		}
		io.out(
			`replayed ${replayed.length}: ${replayed.join(', ')} (pending again; a running gateway forwards them)`,
		);
		const missing = ids.filter((id) => !replayed.includes(id));
		if (missing.length) io.err(`not dead letters, left alone: ${missing.join(', ')}`);
		return 0;
	}
	return usage(io);
}

function usage(io: CommandIo): number {
	io.err(DEAD_LETTERS_USAGE);
	return 2;
}
