// The Appointments node in-process on n8n-core, on a real PostgreSQL log store: workflow 01 asks it
// whether a message answers the booking assistant. (Booking, moving and cancelling need Google
// Calendar and Directus: test/e2e/appointments.test.ts runs them on the whole stack.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { saveBookingState } from '@switchboard/glue/booking';
import { migrate } from '@switchboard/glue/log-store';
import { createTestDatabase, type TestDatabase } from '@switchboard/glue/testing';
import { logStoreCredential } from '../../scripts/lib/n8n-provision.ts';
import { databaseUrl } from '../../scripts/lib/postgres.ts';
import { runNodes, type TestNode } from './harness.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const appointmentsNode = (
	parameters: TestNode['parameters'],
	continueOnFail = false,
): TestNode => ({
	name: 'Appointments',
	type: 'appointments',
	parameters,
	credentials: { switchboardPostgresApi: 'log' },
	continueOnFail,
});

describe('Appointments node', () => {
	let db: TestDatabase;
	let credentials: Record<string, ICredentialDataDecryptedObject>;

	before(async () => {
		db = await createTestDatabase();
		await migrate(db.pool());
		credentials = {
			switchboardPostgresApi: logStoreCredential(databaseUrl(ADMIN_URL, db.name)),
		};
		await saveBookingState(db.pool(), {
			conversationId: 41,
			accountId: 1,
			contactId: 7,
			state: 'offering',
			purpose: 'book',
			serviceId: 'installation_visit',
			offered: [{ start: new Date('2027-03-09T15:00:00Z'), end: new Date('2027-03-09T16:00:00Z') }],
			appointmentId: null,
			customerTimeZone: 'America/New_York',
			proposedTimeZone: null,
			language: 'en',
		});
	});
	after(() => db?.drop());

	const run = async (node: TestNode, input: IDataObject[]) => {
		const result = await runNodes({ nodes: [node], input, credentials });
		return { result, items: result.output('Appointments') };
	};

	describe('get booking chat', () => {
		it('should say whether each conversation is answering the booking assistant, item by item', async () => {
			const { result, items } = await run(
				appointmentsNode({ operation: 'bookingChat', conversationId: '={{ $json.id }}' }),
				[{ id: 41 }, { id: 42 }],
			);
			assert.equal(result.error, undefined, result.error?.message);
			assert.deepEqual(
				items.map((item) => [item.json, item.pairedItem]),
				[
					[{ id: 41, booking: { active: true, state: 'offering' } }, { item: 0 }],
					[{ id: 42, booking: { active: false, state: null } }, { item: 1 }],
				],
			);
		});

		it('should fail a bad conversation id, or give an error item under Continue On Fail', async () => {
			const node = (continueOnFail: boolean) =>
				appointmentsNode({ operation: 'bookingChat', conversationId: -1 }, continueOnFail);
			const failed = await run(node(false), [{}]);
			assert.ok(failed.result.error);
			const tolerated = await run(node(true), [{}]);
			assert.equal(tolerated.result.error, undefined);
			assert.ok(tolerated.items[0]?.json.error);
			assert.deepEqual(tolerated.items[0]?.pairedItem, { item: 0 });
		});
	});

	it('should apply no Directus changes when none wait, with only the Postgres credential read', async () => {
		// Workflow 07 runs this every minute: with nothing pending it must not need Google,
		// Directus or Chatwoot (none are given here).
		const { result, items } = await run(appointmentsNode({ operation: 'applyChanges' }), [{}]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(items[0]?.json, { changes: { applied: [], failed: [] } });
	});

	it('should name an operation it does not have', async () => {
		const { result } = await run(appointmentsNode({ operation: 'teleport' }), [{}]);
		assert.match(result.error?.message ?? '', /The Appointments node has no operation "teleport"/);
	});
});
