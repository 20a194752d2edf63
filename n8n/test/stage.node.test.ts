// The Stage node in-process on n8n-core, on a real PostgreSQL log store: operators read and move a
// contact's lifecycle stage, and workflow 01 applies the triage's proposal. (Showing the stage in
// Chatwoot is the gateway's stage mirror, tested there and end to end.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { migrate } from '@switchboard/glue/log-store';
import { stageHistory } from '@switchboard/glue/stages';
import { createTestDatabase, type TestDatabase } from '@switchboard/glue/testing';
import { logStoreCredential } from '../../scripts/lib/n8n-provision.ts';
import { databaseUrl } from '../../scripts/lib/postgres.ts';
import { runNodes, type TestNode } from './harness.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const stageNode = (parameters: TestNode['parameters'], continueOnFail = false): TestNode => ({
	name: 'Stage',
	type: 'stage',
	parameters,
	credentials: { switchboardPostgresApi: 'log' },
	continueOnFail,
});

describe('Stage node', () => {
	let db: TestDatabase;
	let credentials: Record<string, ICredentialDataDecryptedObject>;

	before(async () => {
		db = await createTestDatabase();
		await migrate(db.pool());
		credentials = {
			switchboardPostgresApi: logStoreCredential(databaseUrl(ADMIN_URL, db.name)),
		};
	});
	after(() => db?.drop());

	let nextContact = 100;
	const newContact = async () => ++nextContact;

	const run = async (node: TestNode, input: IDataObject[]) => {
		const result = await runNodes({ nodes: [node], input, credentials });
		return { result, items: result.output('Stage') };
	};

	describe('get', () => {
		it('should say new for a contact nothing has moved, passing the item on with its pairing', async () => {
			const contactId = await newContact();
			const { result, items } = await run(
				stageNode({ operation: 'get', contactId, accountId: 1, includeHistory: true }),
				[{ keep: 'me' }],
			);
			assert.equal(result.error, undefined, result.error?.message);
			assert.deepEqual(items[0]?.json, {
				keep: 'me',
				stage: { stage: 'new', since: null, history: [] },
			});
			assert.deepEqual(items[0]?.pairedItem, { item: 0 });
		});
	});

	describe('transition', () => {
		it('should record the move with who and why', async () => {
			const contactId = await newContact();
			const { result, items } = await run(
				stageNode({
					operation: 'transition',
					contactId,
					accountId: 1,
					to: 'booked',
					by: 'rule',
					why: 'Booked an installation visit',
					conversationId: 0,
				}),
				[{}],
			);
			assert.equal(result.error, undefined, result.error?.message);
			const moved = items[0]?.json.stage as IDataObject;
			assert.deepEqual([moved.moved, moved.stage], [true, 'booked']);
			const [logged] = await stageHistory(db.pool(), { accountId: 1, contactId });
			assert.deepEqual(
				[logged?.from, logged?.to, logged?.by, logged?.why],
				['new', 'booked', 'rule', 'Booked an installation visit'],
			);
		});

		it('should fail a move the lifecycle forbids, naming it, or give an error item under Continue On Fail', async () => {
			const contactId = await newContact();
			const move = (to: string, continueOnFail = false) =>
				run(
					stageNode(
						{ operation: 'transition', contactId, accountId: 1, to, by: 'workflow' },
						continueOnFail,
					),
					[{}],
				);
			await move('customer');
			const refused = await move('engaged');
			assert.match(refused.result.error?.message ?? '', /cannot move from customer to engaged/);
			const tolerated = await move('engaged', true);
			assert.equal(tolerated.result.error, undefined);
			assert.match(String(tolerated.items[0]?.json.error), /customer is final/);
			assert.deepEqual(tolerated.items[0]?.pairedItem, { item: 0 });
		});
	});

	describe('applyTriage', () => {
		const apply = (contactId: number, triage: IDataObject, threshold = 0.7) =>
			run(
				stageNode({
					operation: 'applyTriage',
					contactId,
					accountId: 1,
					triage: '={{ $json.triage }}',
					threshold,
					conversationId: 12,
				}),
				[{ triage }],
			);

		it("should move the contact forward on Claude's confident proposal, for each item", async () => {
			const contactId = await newContact();
			const { result, items } = await apply(contactId, {
				stage: 'engaged',
				confidence: 0.8,
				source: 'claude',
			});
			assert.equal(result.error, undefined, result.error?.message);
			const move = items[0]?.json.stageMove as IDataObject;
			assert.deepEqual([move.moved, move.stage], [true, 'engaged']);
			const [logged] = await stageHistory(db.pool(), { accountId: 1, contactId });
			assert.deepEqual(
				[logged?.by, logged?.confidence, logged?.conversationId],
				['triage', 0.8, 12],
			);
		});

		it('should keep the stage and say why when the proposal is below the threshold or from the fallback', async () => {
			const contactId = await newContact();
			const low = await apply(contactId, { stage: 'engaged', confidence: 0.5, source: 'claude' });
			const lowMove = low.items[0]?.json.stageMove as { moved: boolean; decision: IDataObject };
			assert.equal(lowMove.moved, false);
			assert.equal(lowMove.decision.reason, 'below_threshold');
			const fallback = await apply(contactId, { stage: null, confidence: 0, source: 'fallback' });
			const fallbackMove = fallback.items[0]?.json.stageMove as { decision: IDataObject };
			assert.equal(fallbackMove.decision.reason, 'fallback');
			assert.deepEqual(await stageHistory(db.pool(), { accountId: 1, contactId }), []);
		});

		it('should move nothing for a message that names no contact', async () => {
			const { result, items } = await apply(0, {
				stage: 'engaged',
				confidence: 0.9,
				source: 'claude',
			});
			assert.equal(result.error, undefined, result.error?.message);
			const move = items[0]?.json.stageMove as { moved: boolean; decision: IDataObject };
			assert.deepEqual([move.moved, move.decision.reason], [false, 'no_contact']);
		});
	});
});
