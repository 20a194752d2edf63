// `meta-dead-letters replay --all | <id>…`: Meta items Chatwoot never took within the attempts
// (sb_meta_events, forward_state dead), sent again by a running gateway once Chatwoot is fixed.
import { replayMetaDeadLetters } from '../../log-store/meta-events.ts';
import type { Queryable } from '../../log-store/repository.ts';
import type { CommandIo } from '../dead-letters/dead-letters.command.ts';

export const META_DEAD_LETTERS_USAGE = [
	'usage: node glue/src/gateway/cli.ts meta-dead-letters replay <id> [<id> …]',
	'       node glue/src/gateway/cli.ts meta-dead-letters replay --all',
].join('\n');

/** Exit status: 0 done, 1 nothing matched, 2 bad usage. */
export async function metaDeadLettersCommand(
	args: string[],
	db: Queryable,
	io: CommandIo,
): Promise<number> {
	const [action, ...rest] = args;
	const all = rest.length === 1 && rest[0] === '--all';
	const ids = all ? undefined : rest.map(Number);
	if (
		action !== 'replay' ||
		(ids && (ids.length === 0 || !ids.every((id) => id > 0 && Number.isInteger(id))))
	) {
		io.err(META_DEAD_LETTERS_USAGE);
		return 2;
	}
	const replayed = await replayMetaDeadLetters(db, ids);
	if (replayed === 0) {
		io.err('no Meta dead letters to replay');
		return 1;
	}
	io.out(`replayed ${replayed} (pending again; a running gateway forwards them to Chatwoot)`);
	return 0;
}
