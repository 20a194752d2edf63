// Property-based intake test: signed, mutated Chatwoot deliveries at the real gateway app with a real
// Postgres ledger and forwarder. Never a 5xx, the process keeps serving, every accepted customer
// message is recorded once, and what reaches n8n is our typed batch with no key anyone can name.
//
// Seeds: the reference examples the simulator keeps, and every Chatwoot file in
// ../shared/reference/corpus/chatwoot (read in place: SOURCES.md asks not to copy them; one is not
// valid JSON, one has every field an empty string). Mutations: missing, null, wrong-typed and extra
// fields, odd key names, unicode (lone surrogates, NUL), deep nesting, huge strings, odd ids.
//
// `npm test` runs FUZZ_RUNS=500 cases (a few seconds). A longer run:
//   FUZZ_RUNS=10000 bash scripts/with-node24 node --test glue/src/gateway/webhooks/webhook.fuzz.test.ts
// FUZZ_SEED=<n> replays the run fast-check reported.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CHATWOOT_SIM_BOT_SECRET } from '../../../../simulators/src/chatwoot/constants.ts';
import { signChatwootWebhook } from '../../../../simulators/src/chatwoot/signature.ts';
import { forwardBatchSchema } from '../../pipeline/inbound-batch.ts';
import { useGatewayFixture, waitFor } from '../test-support.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const ACCOUNT_SECRET = 'fuzz-account-secret-01';

const repoRoot = new URL('../../../../', import.meta.url);
const examplesDir = new URL('simulators/src/chatwoot/examples/', repoRoot);
const corpusDir = join(repoRoot.pathname, '..', 'shared', 'reference', 'corpus', 'chatwoot');

function readSeeds(): { name: string; text: string }[] {
	assert.ok(existsSync(corpusDir), `the shared corpus is missing: ${corpusDir}`);
	const fromDir = (dir: string) =>
		readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => ({ name: file, text: readFileSync(join(dir, file), 'utf8') }));
	return [...fromDir(examplesDir.pathname), ...fromDir(corpusDir)];
}

const ODD_KEYS = [
	'toString',
	'constructor',
	'__proto__',
	'valueOf',
	'hasOwnProperty',
	'prototype',
	'then',
	'toJSON',
	'',
	'💥',
	'a.b',
];
const MEANINGFUL = [
	'pending',
	'open',
	'incoming',
	'outgoing',
	'message_created',
	'message_updated',
	'contact',
	'captain_assistant',
	'agent_bot',
	'user',
	'',
	'1',
	'-1',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function pathsOf(value: Json): Path[] {
	const found: Path[] = [];
	const stack: { value: Json; path: Path }[] = [{ value, path: [] }];
	while (stack.length > 0) {
		const next = stack.pop() as { value: Json; path: Path };
		if (next.value === null || typeof next.value !== 'object') continue;
		for (const [key, inner] of Object.entries(next.value)) {
			const path = [...next.path, Array.isArray(next.value) ? Number(key) : key];
			found.push(path);
			stack.push({ value: inner, path });
		}
	}
	return found;
}

function parentOf(root: Json, path: Path): Record<string, Json> | Json[] | null {
	let node: Json = root;
	for (const key of path.slice(0, -1)) {
		if (node === null || typeof node !== 'object') return null;
		node = (node as Record<string, Json>)[key as string] ?? null;
	}
	return node !== null && typeof node === 'object' ? node : null;
}

const deep = (depth: number): Json => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as Json;

/** One change at a path chosen by its index among the payload's paths. */
const mutationArb = fc.oneof(
	fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
	fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.jsonValue() }),
	fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constant(null) }),
	fc.record({
		kind: fc.constant('set' as const),
		at: fc.nat(),
		value: fc.oneof(
			fc.constantFrom(...MEANINGFUL),
			fc.integer(),
			fc.double(),
			fc.string({ unit: 'binary' }),
			fc.string({ unit: 'grapheme' }),
		),
	}),
	fc.record({
		kind: fc.constant('add' as const),
		at: fc.nat(),
		key: fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ unit: 'binary' })),
		value: fc.jsonValue({ maxDepth: 3 }),
	}),
	fc.record({
		kind: fc.constant('deep' as const),
		at: fc.nat(),
		// Mostly within MAX_JSON_DEPTH (accepted), sometimes far beyond (refused, never a crash).
		depth: fc.oneof(
			{ weight: 4, arbitrary: fc.integer({ min: 1, max: 56 }) },
			{ weight: 1, arbitrary: fc.integer({ min: 57, max: 3000 }) },
		),
	}),
	fc.record({
		kind: fc.constant('huge' as const),
		at: fc.nat(),
		length: fc.integer({ min: 1, max: 200_000 }),
	}),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

function mutate(root: Json, mutation: Mutation): Json {
	const paths = pathsOf(root);
	const path = paths.length > 0 ? paths[mutation.at % paths.length] : undefined;
	if (!path) return root;
	const parent = parentOf(root, path);
	const key = path.at(-1) as string;
	if (!parent) return root;
	const target = parent as Record<string, Json>;
	switch (mutation.kind) {
		case 'delete':
			if (Array.isArray(parent)) parent.splice(Number(key), 1);
			else delete target[key];
			break;
		case 'set':
			target[key] = mutation.value as Json;
			break;
		case 'add': {
			const host = target[key];
			if (host !== null && typeof host === 'object' && !Array.isArray(host)) {
				Object.defineProperty(host, mutation.key, {
					value: mutation.value,
					enumerable: true,
					configurable: true,
					writable: true,
				});
			} else target[key] = { [mutation.key]: mutation.value as Json };
			break;
		}
		case 'deep':
			target[key] = deep(mutation.depth);
			break;
		case 'huge':
			target[key] = 'ş'.repeat(mutation.length);
			break;
	}
	return root;
}

/** What was posted and what the gateway answered, for the ledger checks at the end. */
interface Posted {
	status: number;
	outcome?: string;
	reason?: string;
	ledgerId?: number | null;
}

describe('webhook fuzzing', () => {
	const fx = useGatewayFixture();

	it('should never answer 5xx, and record each accepted customer message once', async () => {
		const seeds = readSeeds();
		assert.ok(seeds.length >= 17, `seeds: ${seeds.length}`);
		const gw = await fx.start({ env: { CHATWOOT_ACCOUNT_WEBHOOK_SECRET: ACCOUNT_SECRET } });
		const posted: Posted[] = [];
		let nextId = 1_000_000;

		const caseArb = fc.record({
			// Message events are what the gateway reads closely: three times as often.
			seed: fc.oneof(
				{
					weight: 3,
					arbitrary: fc.constantFrom(...seeds.filter((x) => x.name.includes('message_'))),
				},
				{ weight: 1, arbitrary: fc.constantFrom(...seeds) },
			),
			mutations: fc.array(mutationArb, { maxLength: 6 }),
			pending: fc.boolean(),
			freshId: fc.boolean(),
			secret: fc.constantFrom(CHATWOOT_SIM_BOT_SECRET, ACCOUNT_SECRET),
			raw: fc.oneof(
				{ weight: 9, arbitrary: fc.constant(null) },
				{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
			),
		});

		await fc.assert(
			fc.asyncProperty(caseArb, async (input) => {
				let body: string;
				try {
					const value = JSON.parse(input.seed.text) as Json;
					if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
						// Fresh ids so most cases are new messages rather than duplicates.
						if (input.freshId) value.id = nextId += 1;
						const conversation = value.conversation;
						if (input.pending && conversation && typeof conversation === 'object') {
							(conversation as Record<string, Json>).status = 'pending';
						}
					}
					body = JSON.stringify(input.mutations.reduce(mutate, value));
				} catch {
					body = input.seed.text; // the corpus's invalid JSON, as it is
				}
				if (input.raw !== null) body = body.slice(0, body.length / 2) + input.raw;
				const timestamp = Math.floor(Date.now() / 1000);
				const res = await fetch(gw.webhookUrl, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-chatwoot-timestamp': String(timestamp),
						'x-chatwoot-signature': signChatwootWebhook(input.secret, timestamp, body),
						'x-chatwoot-delivery': crypto.randomUUID(),
					},
					body,
				});
				const answer = (await res.json()) as {
					data?: { outcome?: string; reason?: string; ledgerId?: number };
				};
				posted.push({
					status: res.status,
					outcome: answer.data?.outcome,
					reason: answer.data?.reason,
					ledgerId: answer.data?.ledgerId,
				});
				assert.ok(res.status < 500, `${res.status} for ${input.seed.name}`);
				assert.ok([200, 400, 413].includes(res.status), `${res.status}`);
			}),
			{ numRuns: RUNS, seed: SEED, endOnFailure: true },
		);

		// Still serving.
		assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);

		// The ledger holds exactly the rows the answers named, one per message.
		const ledger = await fx.ledger();
		const named = new Set(
			posted.flatMap((p) => (p.status === 200 && p.ledgerId != null ? [p.ledgerId] : [])),
		);
		assert.deepEqual(new Set(ledger.map((row) => row.id)), named);
		const created = posted.filter(
			(p) => p.outcome === 'queued' || (p.outcome === 'dropped' && p.ledgerId != null),
		);
		assert.equal(ledger.length, created.length);
		// A late edit or deletion is a record of its own beside its message's row.
		const { rows: repeated } = await gw.pool.query(
			"select account_id, payload->>'id', status = 'dropped' as dropped, count(*)::int" +
				" from sb_inbound_events where payload->>'id' is not null" +
				" and drop_reason is distinct from 'late_update'" +
				' group by 1, 2, 3 having count(*) > 1',
		);
		assert.deepEqual(repeated, [], 'a message recorded twice');

		// Everything queued reaches the n8n stand-in as a valid, clonable batch of our own fields.
		const queued = ledger.filter((row) => row.status !== 'dropped');
		await waitFor(
			'every queued message forwarded',
			async () =>
				(await fx.ledger()).every((row) => row.status === 'dropped' || row.status === 'done'),
			30_000,
		);
		const forwardedIds = new Set(fx.n8n.forwards.flatMap((f) => f.batch.ledgerIds));
		for (const row of queued) assert.ok(forwardedIds.has(row.id), `ledger row ${row.id}`);
		for (const { batch } of fx.n8n.forwards) {
			assert.deepEqual(forwardBatchSchema.parse(batch), batch);
			assert.doesNotThrow(() => structuredClone(batch));
			const text = JSON.stringify(batch);
			for (const key of ['toString', 'constructor', '__proto__', 'custom_attributes']) {
				assert.ok(!text.includes(`"${key}"`), key);
			}
		}
		const counts = posted.reduce<Record<string, number>>((all, p) => {
			const label = [p.status, p.outcome, p.reason].filter(Boolean).join(' ');
			all[label] = (all[label] ?? 0) + 1;
			return all;
		}, {});
		console.log(`fuzz: ${RUNS} cases, ${ledger.length} ledger rows`, counts);
	});
});
