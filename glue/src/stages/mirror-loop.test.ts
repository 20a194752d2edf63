import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import { ChatwootNotFoundError } from '../chatwoot/errors.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { StageMirror } from './mirror-loop.ts';
import { moveStage, recordAgentStageChange } from './repository.ts';

/** The Chatwoot seam: records each write, or fails as told. */
function fakeContacts() {
	const writes: { contactId: number; custom_attributes: Record<string, unknown> }[] = [];
	let failWith: Error | null = null;
	return {
		writes,
		failNext(error: Error | null) {
			failWith = error;
		},
		async update(contactId: number, input: { custom_attributes: Record<string, unknown> }) {
			if (failWith) throw failWith;
			writes.push({ contactId, ...input });
			return {};
		},
	};
}

const quiet = { debug: () => undefined, warn: () => undefined };

describe('mirror-loop', () => {
	let db: TestDatabase;
	let pool: pg.Pool;

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
	});
	after(() => db.drop());
	beforeEach(() => pool.query('truncate sb_contact_stages, sb_stage_transitions restart identity'));

	const mirrorWith = (contacts: ReturnType<typeof fakeContacts>) =>
		new StageMirror({ db: pool, contacts, accountId: 1, logger: quiet, intervalMs: 0 });

	describe('StageMirror.runOnce', () => {
		it("should write each contact's new stage once, and only this account's", async () => {
			await moveStage(pool, { accountId: 1, contactId: 7, to: 'engaged', by: 'triage' });
			await moveStage(pool, { accountId: 2, contactId: 8, to: 'engaged', by: 'triage' });
			const contacts = fakeContacts();
			assert.deepEqual(await mirrorWith(contacts).runOnce(), { written: 1, failed: 0 });
			assert.deepEqual(contacts.writes, [
				{ contactId: 7, custom_attributes: { stage: 'engaged' } },
			]);
			assert.deepEqual(await mirrorWith(contacts).runOnce(), { written: 0, failed: 0 });
		});

		it('should not write what an agent picked in Chatwoot, and put back what it refused', async () => {
			await moveStage(pool, { accountId: 1, contactId: 7, to: 'customer', by: 'workflow' });
			await recordAgentStageChange(pool, {
				accountId: 1,
				contactId: 7,
				previous: null,
				current: 'customer',
			});
			const contacts = fakeContacts();
			await mirrorWith(contacts).runOnce();
			assert.deepEqual(contacts.writes, []);
			await recordAgentStageChange(pool, {
				accountId: 1,
				contactId: 7,
				previous: 'customer',
				current: 'new',
			});
			await mirrorWith(contacts).runOnce();
			assert.deepEqual(contacts.writes, [
				{ contactId: 7, custom_attributes: { stage: 'customer' } },
			]);
		});

		it('should wait before trying a failed write again, and give up on a contact Chatwoot no longer has', async () => {
			await moveStage(pool, { accountId: 1, contactId: 7, to: 'engaged', by: 'triage' });
			const contacts = fakeContacts();
			contacts.failNext(new Error('Chatwoot is down'));
			assert.deepEqual(await mirrorWith(contacts).runOnce(), { written: 0, failed: 1 });
			contacts.failNext(null);
			assert.deepEqual(await mirrorWith(contacts).runOnce(), { written: 0, failed: 0 });
			const { rows } = await pool.query(
				'select mirror_attempts, mirror_error, mirror_after > now() as waiting from sb_contact_stages',
			);
			assert.deepEqual(rows[0], {
				mirror_attempts: 1,
				mirror_error: 'Chatwoot is down',
				waiting: true,
			});

			await pool.query('update sb_contact_stages set mirror_after = null');
			contacts.failNext(
				new ChatwootNotFoundError({
					remoteStatus: 404,
					method: 'PUT',
					path: '/api/v1/accounts/1/contacts/7',
					chatwootMessage: 'Resource could not be found',
					attributes: [],
					body: null,
					retryAfterMs: null,
				}),
			);
			await mirrorWith(contacts).runOnce();
			contacts.failNext(null);
			assert.deepEqual(await mirrorWith(contacts).runOnce(), { written: 0, failed: 0 });
		});
	});
});
