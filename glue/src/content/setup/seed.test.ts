import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_SOCIAL_INBOXES,
	CHATWOOT_SIM_TEAMS,
	DEPARTMENTS,
} from '../../../../simulators/src/chatwoot/constants.ts';
import { formatChange } from './changes.ts';
import { applyDirectusSeed, localDate } from './seed.ts';
import { startContentDirectus, type ContentDirectus } from './testing.ts';

// 15 March 2026, 12:00 in New York.
const seededAt = Date.parse('2026-03-15T16:00:00Z');
const day = 24 * 3_600_000;

describe('applyDirectusSeed', () => {
	let cms: ContentDirectus;
	let first: Awaited<ReturnType<typeof applyDirectusSeed>>;

	before(async () => {
		cms = await startContentDirectus();
		first = await applyDirectusSeed({ directus: cms.admin, clock: { now: () => seededAt } });
	});
	after(() => cms?.stop());

	it('should create the business, its departments and their content', () => {
		const said = first.changes.map(formatChange);
		assert.ok(said.includes('create business_info'));
		assert.ok(said.includes('create departments billing'));
		assert.ok(said.includes('create promotions "Summer speed boost"'));
		assert.ok(said.includes('create faq "¿Cuándo vence mi factura?" (es)'));
		assert.ok(first.changes.every((change) => change.action === 'create'));
	});

	it('should change nothing when run again the same day', async () => {
		const again = await applyDirectusSeed({
			directus: cms.admin,
			clock: { now: () => seededAt + 3_600_000 },
		});
		assert.deepEqual(again.changes.map(formatChange), []);
	});

	it('should wire the departments exactly as the Chatwoot simulator seeds its inboxes and teams', async () => {
		const departments = await cms.adminApi.call<Record<string, unknown>[]>(
			'GET',
			'/items/departments',
			{
				params: { sort: ['sort'] },
			},
		);
		assert.deepEqual(
			departments.map((d) => [
				d.key,
				d.whatsapp_numbers,
				d.phone_number_ids,
				d.chatwoot_inbox_ids,
				d.chatwoot_team_id,
			]),
			DEPARTMENTS.map((key) => [
				key,
				[CHATWOOT_SIM_INBOXES[key].phoneNumber],
				[CHATWOOT_SIM_INBOXES[key].phoneNumberId],
				[
					CHATWOOT_SIM_INBOXES[key].id,
					...Object.values(CHATWOOT_SIM_SOCIAL_INBOXES)
						.filter((inbox) => inbox.department === key)
						.map((inbox) => inbox.id),
				],
				CHATWOOT_SIM_TEAMS[key].id,
			]),
		);
	});

	it("should date the promotions from the seeding day on the business's clock", async () => {
		const promotions = await cms.adminApi.call<
			{ title: string; starts_at: string; ends_at: string }[]
		>('GET', '/items/promotions', {
			params: { filter: { title: { _eq: 'Fibre 500 at half price for 3 months' } } },
		});
		assert.deepEqual(
			promotions.map((p) => [p.starts_at, p.ends_at]),
			[['2026-03-08T09:00:00', '2026-04-14T23:59:00']],
		);
	});

	it('should move only the promotion dates when run on a later day', async () => {
		const later = await applyDirectusSeed({
			directus: cms.admin,
			clock: { now: () => seededAt + day },
		});
		assert.deepEqual(
			later.changes.map((change) => [change.action, change.target.split(' ')[0], change.detail]),
			Array.from({ length: 4 }, () => ['update', 'promotions', 'starts_at, ends_at']),
		);
	});

	it('should put back a seeded record someone edited', async () => {
		await cms.adminApi.call('PATCH', '/items/departments/support', {
			body: { confidence_threshold: 0.5 },
		});
		const repaired = await applyDirectusSeed({
			directus: cms.admin,
			clock: { now: () => seededAt + day },
		});
		assert.deepEqual(repaired.changes.map(formatChange), [
			'update departments support (confidence_threshold)',
		]);
	});

	describe('localDate', () => {
		it('should count days on the business calendar, not UTC', () => {
			// 02:00 UTC on 16 March is still 15 March (22:00) in New York.
			const lateEvening = Date.parse('2026-03-16T02:00:00Z');
			assert.equal(
				localDate(lateEvening, 'America/New_York', { days: 1, time: '09:00' }),
				'2026-03-16T09:00:00',
			);
			assert.equal(
				localDate(lateEvening, 'UTC', { days: 1, time: '09:00' }),
				'2026-03-17T09:00:00',
			);
		});
	});
});
