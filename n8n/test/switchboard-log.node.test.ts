// Switchboard Log's triage claim in-process on n8n-core, on a real PostgreSQL log store: the gateway
// may deliver one batch twice (a retry after a lost answer, a second gateway), and workflow 01 must
// triage it once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { migrate, recordInboundEvent } from '@switchboard/glue/log-store';
import { createTestDatabase, type TestDatabase } from '@switchboard/glue/testing';
import { logStoreCredential } from '../../scripts/lib/n8n-provision.ts';
import { databaseUrl } from '../../scripts/lib/postgres.ts';
import { runNodes, type TestNode } from './harness.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let nextMessage = 5000;

const logNode = (name: string, parameters: TestNode['parameters']): TestNode => ({
	name,
	type: 'switchboardLog',
	parameters,
	credentials: { switchboardPostgresApi: 'log' },
});

// As workflow 01 wires them: each node reads what the one before added to the item.
const claim = logNode('Claim batch for triage', {
	operation: 'claimTriage',
	batch: '={{ $json.body }}',
	leaseSeconds: 120,
});
const complete = logNode('Complete triage', {
	operation: 'completeTriage',
	token: '={{ $json.batch.claim.token }}',
	ledgerIds: '={{ $json.batch.claim.claimed }}',
	result: 'auto_replied',
	decisionId: 0,
});

interface ClaimedItem {
	batch: {
		conversationId: number;
		messages: Array<{ ledgerId: number; content: string }>;
		claim: { status: string; claimed: number[]; done: number[]; busy: number[] };
	};
	completed?: { ledgerIds: number[] };
}

describe('Switchboard Log node', () => {
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

	/** A customer's burst of `count` messages in the ledger, and the gateway's webhook item for it. */
	const gatewayDelivery = async (count: number): Promise<IDataObject> => {
		const conversationId = ++nextMessage;
		const messages = [];
		for (let n = 0; n < count; n++) {
			const messageId = ++nextMessage;
			const { id } = await recordInboundEvent(db.pool(), {
				source: 'agent_bot',
				deliveryId: `node-test-${messageId}`,
				chatwootMessageId: messageId,
				conversationId,
				accountId: 1,
				inboxId: 1,
				event: 'message_created',
				payload: { content: `message ${n}` },
			});
			messages.push({
				ledgerId: id,
				source: 'agent_bot',
				messageId,
				content: `message ${n}`,
				contentType: 'text',
				createdAt: null,
				sourceId: null,
				sender: null,
				attachments: [],
			});
		}
		const body = {
			kind: 'switchboard.inbound_batch',
			version: 1,
			accountId: 1,
			conversationId,
			inboxId: 1,
			ledgerIds: messages.map((m) => m.ledgerId),
			messages,
			latest: { event: 'message_created' },
		};
		// What n8n's Webhook node outputs: the gateway's batch is the body.
		return { headers: { 'content-type': 'application/json' }, body };
	};

	const deliver = async (delivery: IDataObject, nodes: TestNode[]) => {
		const result = await runNodes({ nodes, input: [delivery], credentials });
		assert.equal(result.error, undefined, result.error?.message);
		return result;
	};

	describe('the same batch delivered twice', () => {
		it('should hand the messages to the first delivery and tell the second it was handled', async () => {
			const delivery = await gatewayDelivery(3);
			const ledgerIds = (delivery.body as { ledgerIds: number[] }).ledgerIds;

			const first = await deliver(delivery, [claim, complete]);
			const [handled] = first.output('Complete triage');
			const item = handled!.json as unknown as ClaimedItem;
			assert.equal(item.batch.claim.status, 'claimed');
			assert.deepEqual(
				item.batch.messages.map((m) => m.ledgerId),
				ledgerIds,
			);
			assert.deepEqual(item.completed?.ledgerIds, ledgerIds);

			const second = await deliver(delivery, [claim]);
			const [skipped] = second.output('Claim batch for triage');
			const again = skipped!.json as unknown as ClaimedItem;
			assert.equal(again.batch.claim.status, 'done');
			assert.deepEqual(again.batch.claim.done, ledgerIds);
			assert.deepEqual(again.batch.messages, [], 'nothing left to triage');

			const { rows } = await db
				.pool()
				.query(
					"select count(*)::int as n from sb_inbound_claims where state = 'done' and inbound_event_id = any($1::bigint[])",
					[ledgerIds],
				);
			assert.equal(rows[0].n, 3, 'each inbound event handled once');
		});

		it('should give the batch to one of two deliveries that arrive together; the other is busy', async () => {
			const delivery = await gatewayDelivery(2);
			const runs = await Promise.all([deliver(delivery, [claim]), deliver(delivery, [claim])]);
			const statuses = runs
				.map((run) => run.output('Claim batch for triage')[0]!.json as unknown as ClaimedItem)
				.map((item) => ({ status: item.batch.claim.status, messages: item.batch.messages.length }))
				.sort((a, b) => a.status.localeCompare(b.status));
			assert.deepEqual(statuses, [
				{ status: 'busy', messages: 0 },
				{ status: 'claimed', messages: 2 },
			]);
		});
	});

	describe('the item contract', () => {
		it('should pass the webhook item on and add the claimed batch under "batch", paired with it', async () => {
			const delivery = await gatewayDelivery(1);
			const run = await deliver(delivery, [claim, complete]);
			const [item] = run.output('Complete triage');
			assert.deepEqual(item!.json.headers, delivery.headers);
			assert.deepEqual(item!.json.body, delivery.body);
			assert.equal(
				(item!.json as unknown as ClaimedItem).batch.conversationId,
				(delivery.body as { conversationId: number }).conversationId,
			);
			assert.deepEqual(item!.pairedItem, { item: 0 });
		});

		it('should stop with the fields that are wrong when the body is not a gateway batch', async () => {
			const result = await runNodes({
				nodes: [claim],
				input: [{ body: { kind: 'something_else' } }],
				credentials,
			});
			assert.match(result.error?.message ?? '', /Not a gateway batch/);
		});
	});
});
