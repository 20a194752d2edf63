// Directus down degrades, not stops: after one good read from a real Directus, Directus "goes down"
// (requests go to a closed port: a real refused connection). Routing goes on from the last good
// read, persisted in sb_content_snapshot and marked with its age; the knowledge bundle comes back
// without FAQ, promotions and plans, so the triage hands off by keywords; a lead waits in
// sb_pending_leads and is written once when Directus is back.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { freePorts } from '../../../scripts/lib/ports.ts';
import { planActions } from '../pipeline/action-plan.ts';
import type { RouteDecision } from '../routing/route-decision.ts';
import { makeConfig, makeInput } from '../triage/test-fixtures.ts';
import { triage } from '../triage/triage.ts';
import { ContentUnreachableError } from './errors.ts';
import { flushPendingLeads, recordLead } from './leads.ts';
import { createContentReader, type ContentReaderOptions } from './reader.ts';
import { startContentDirectus, type ContentDirectus } from './setup/testing.ts';
import { postgresSnapshotStore } from './snapshot-store.ts';

const seededAt = Date.parse('2026-03-15T16:00:00Z');
const MINUTE = 60_000;

describe('Directus down', () => {
	let cms: ContentDirectus;
	let connection: { url: string; token: string };
	let closedUrl: string;
	let now = seededAt;
	let down = false;
	const clock = { now: () => now };
	// Sends every request to a closed port while `down`: fetch fails as it does when Directus stops.
	const outageFetch: typeof fetch = (input, init) => {
		const url = input instanceof Request ? input.url : String(input);
		return globalThis.fetch(down ? url.replace(connection.url, closedUrl) : url, init);
	};
	const reader = (overrides: Partial<ContentReaderOptions> = {}) =>
		createContentReader({ ...connection, clock, cacheTtlMs: 0, fetch: outageFetch, ...overrides });
	const leadsOf = (conversationId: number) =>
		cms.adminApi.call<Array<Record<string, unknown>>>('GET', '/items/leads', {
			params: { filter: { chatwoot_conversation_id: { _eq: conversationId } } },
		});
	const pending = async () =>
		(
			await cms.pool.query<{ id: string; attempts: number }>(
				'select chatwoot_conversation_id as id, attempts from sb_pending_leads order by 1',
			)
		).rows;

	before(async () => {
		cms = await startContentDirectus({ access: true, seed: { clock: { now: () => seededAt } } });
		connection = { url: cms.admin.url, token: cms.automationToken! };
		const [port] = await freePorts(1);
		closedUrl = `http://127.0.0.1:${port}`;
	});
	after(() => cms?.stop());
	beforeEach(() => {
		now = seededAt;
		down = false;
	});

	describe('routing content', () => {
		it('should route from the last good read, in memory, saying how old it is, and go live again', async () => {
			const content = reader();
			const live = await content.departments();
			await content.businessInfo();
			assert.equal(content.staleness(), null);
			down = true;
			now += 7 * MINUTE;
			assert.deepEqual(await content.departments(), live);
			assert.equal((await content.department('billing')).name, 'Billing');
			assert.equal((await content.businessInfo()).timeZone, 'America/New_York');
			assert.deepEqual(content.staleness(), {
				since: new Date(seededAt).toISOString(),
				ageMinutes: 7,
				reason: 'unreachable',
			});
			// Within a few seconds it is not asked again (a hanging Directus costs its timeout each time).
			down = false;
			await content.departments();
			assert.equal(content.staleness()?.ageMinutes, 7);
			now += 10_000;
			await content.departments();
			await content.businessInfo();
			assert.equal(content.staleness(), null);
		});

		it('should keep the last good read across a restart in sb_content_snapshot', async () => {
			const snapshots = postgresSnapshotStore(cms.pool, connection.url);
			const before = reader({ snapshots });
			const live = await before.departments();
			const business = await before.businessInfo();
			const template = await before.messageTemplate('out_of_hours', 'en');
			assert.ok(template);

			// A new process (n8n restarted) while Directus is down.
			down = true;
			now += 42 * MINUTE;
			const after = reader({ snapshots });
			assert.deepEqual(await after.departments(), live);
			assert.deepEqual(await after.businessInfo(), business);
			assert.deepEqual(await after.messageTemplate('out_of_hours', 'en'), template);
			assert.equal(after.staleness()?.ageMinutes, 42);
		});

		it('should still fail when nothing was ever read, and never hide a refused token', async () => {
			down = true;
			await assert.rejects(
				reader({ snapshots: postgresSnapshotStore(cms.pool, 'http://never-read') }).departments(),
				ContentUnreachableError,
			);
			down = false;
			const snapshots = postgresSnapshotStore(cms.pool, connection.url);
			await reader({ snapshots }).departments();
			await assert.rejects(reader({ snapshots, token: 'not-a-token' }).departments(), {
				name: 'ContentUnauthorizedError',
			});
		});
	});

	describe('the knowledge bundle', () => {
		it('should leave out FAQ, promotions and plans rather than give old ones, marked degraded', async () => {
			const content = reader({ snapshots: postgresSnapshotStore(cms.pool, connection.url) });
			const live = await content.loadKnowledgeBundle('sales');
			assert.ok(live.faq.length > 0 && live.promotions.length > 0 && live.plans.length > 0);
			assert.equal(live.degraded, undefined);
			assert.equal(live.stale, undefined);

			down = true;
			now += 3 * MINUTE;
			const bundle = await content.loadKnowledgeBundle('sales');
			assert.deepEqual(bundle.department, live.department);
			assert.deepEqual(
				{ faq: bundle.faq, promotions: bundle.promotions, plans: bundle.plans },
				{ faq: [], promotions: [], plans: [] },
			);
			assert.deepEqual(bundle.degraded, {
				reason: 'unreachable',
				missing: ['faq', 'plans', 'promotions'],
			});
			assert.equal(bundle.stale?.ageMinutes, 3);
		});

		it('should make the triage hand off by keywords without asking Claude', async () => {
			const client = {
				messages: {
					parse: () => Promise.reject(new Error('Claude must not be asked without live content')),
				},
			};
			const input = makeInput({ newMessages: ['I was charged twice on my invoice'] });
			const result = await triage(
				{
					...input,
					bundle: {
						...input.bundle,
						faq: [],
						promotions: [],
						plans: [],
						degraded: { reason: 'unreachable', missing: ['faq'] },
					},
				},
				{ client, config: makeConfig(), now: () => seededAt },
			);
			assert.equal(result.source, 'fallback');
			assert.equal(result.fallback?.reason, 'content_unavailable');
			assert.equal(result.output.needs_human, true);
			assert.match(result.output.handoff_reason ?? '', /Directus could not be read/);
		});
	});

	it('should say in the hand-off note how old the department records were', () => {
		const route = {
			action: 'handoff',
			department: 'sales',
			teamId: 1,
			priority: 'medium',
			reason: 'Automatic triage unavailable.',
			escalated: false,
			outOfHours: null,
		} as unknown as RouteDecision;
		const triageFields = {
			intent: 'unclassified',
			urgency: 'medium',
			sentiment: 'neutral',
			language: 'en',
			confidence: 0,
		};
		const stale = { since: '2026-03-15T16:00:00.000Z', ageMinutes: 12, reason: 'unreachable' };
		const plan = planActions(
			route,
			triageFields,
			{ sales: 'Sales' },
			{
				outOfHours: null,
				contactName: null,
				contentStale: stale,
			},
		);
		assert.match(plan.handoff?.note ?? '', /the department records used were 12 minutes old/);
		const fresh = planActions(route, triageFields, { sales: 'Sales' });
		assert.doesNotMatch(fresh.handoff?.note ?? '', /Directus was down/);
	});

	describe('lead capture', () => {
		const lead = (conversationId: number) => ({
			conversationId,
			department: 'sales',
			contactName: 'Ana',
			firstMessage: 'Hi',
		});
		const target = () => ({ ...connection, fetch: outageFetch });

		it('should queue a lead while Directus is down and write it once when it is back', async () => {
			down = true;
			assert.deepEqual(await recordLead(target(), lead(9101), { outbox: cms.pool }), {
				created: false,
				id: null,
				queued: true,
			});
			// The workflow retries while Directus is still down: still one lead waiting.
			assert.equal((await recordLead(target(), lead(9101), { outbox: cms.pool })).queued, true);
			assert.deepEqual(
				(await pending()).map((row) => row.id),
				['9101'],
			);

			down = false;
			const next = await recordLead(target(), lead(9102), { outbox: cms.pool });
			assert.equal(next.created, true);
			assert.deepEqual(await pending(), []);
			const [first] = await leadsOf(9101);
			assert.equal(first?.contact_name, 'Ana');
			assert.equal((await leadsOf(9101)).length, 1);
			assert.equal((await leadsOf(9102)).length, 1);
		});

		it('should count a waiting lead Directus already has as written, never twice', async () => {
			await recordLead(target(), lead(9103), { outbox: cms.pool });
			await cms.pool.query(
				`insert into sb_pending_leads (directus_url, chatwoot_conversation_id, lead)
				values ($1, 9103, $2)`,
				[
					connection.url,
					JSON.stringify({
						...lead(9103),
						receivingNumber: null,
						contactPhone: null,
						referral: null,
					}),
				],
			);
			assert.deepEqual(await flushPendingLeads(target(), cms.pool), { written: 1, pending: 0 });
			assert.equal((await leadsOf(9103)).length, 1);
		});

		it('should still fail without an outbox, as before', async () => {
			down = true;
			await assert.rejects(recordLead(target(), lead(9104)), ContentUnreachableError);
		});
	});
});
