// Where a broadcast's audience and its 24-hour windows come from, against the real sources: groups
// defined by Chatwoot labels (the Chatwoot simulator's conversations) or a stage (sb_contact_stages
// on PostgreSQL), and the customers' last messages as the gateway's Meta route stores them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { listen, type RunningServer } from '../../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
} from '../../../simulators/src/chatwoot/index.ts';
import { createChatwootClient, type ChatwootClient } from '../chatwoot/index.ts';
import { migrate } from '../log-store/migrate.ts';
import { recordMetaWebhook } from '../log-store/meta-events.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { splitWhatsAppWebhook } from '../meta/whatsapp-webhook.ts';
import { moveStage } from '../stages/repository.ts';
import { suppress } from '../broadcasts/suppressions.ts';
import { chatwootDerivedMembers, derivedMembersFromEnv } from './derived.ts';
import {
	createDirectusBroadcastStore,
	estimateFromContext,
	lastCustomerMessagesIn,
	readBroadcast,
	readBroadcastContext,
	suppressedPhonesIn,
	type BroadcastStoreDeps,
} from './directus-store.ts';
import {
	lastCustomerMessagesVia,
	queryableVia,
	suppressedPhonesVia,
	type RawQuery,
} from './settings.ts';
import type { BroadcastRecords, DirectusRow } from './records.ts';

const PHONE_ID = '1555000000001';

/** Directus with one broadcast to one group, read the few ways the store asks. */
function directusWith(group: DirectusRow, listed: DirectusRow[]): BroadcastRecords {
	const template = (channel: string, body: string): DirectusRow => ({
		id: channel,
		key: 'june_promo',
		language: 'en',
		channel,
		status: 'published',
		body,
		whatsapp_template_name: channel === 'whatsapp_template' ? 'june_promo' : null,
		whatsapp_language_code: 'en',
		whatsapp_category: 'MARKETING',
		whatsapp_parameters: [],
	});
	const data: Record<string, DirectusRow[]> = {
		business_info: [
			{
				name: 'Northwind Fibre',
				time_zone: 'Europe/Madrid',
				opening_hours: {},
				address: null,
				contacts: null,
				tone_of_voice: null,
			},
		],
		departments: [{ key: 'sales', phone_number_ids: [PHONE_ID] }],
		message_templates: [
			template('whatsapp_template', 'Fibre 500 is half price in June.'),
			template('whatsapp_session', 'Thanks for writing: Fibre 500 is half price in June!'),
		],
		opt_out_keywords: [],
		broadcasts: [
			{
				id: 1,
				status: 'scheduled',
				template_key: 'june_promo',
				department: 'sales',
				scheduled_at: '2026-06-02T10:00:00',
				groups: [{ recipient_groups_id: group.id }],
			},
		],
		recipient_groups: [group],
		recipient_groups_recipients: listed.map((recipient) => ({ recipients_id: recipient })),
		recipients: listed,
	};
	return {
		read: async (collection, query) => {
			const rows = data[collection] ?? [];
			if (collection === 'recipients' && query.filter?.opted_out_at) {
				return rows.filter((row) => row.opted_out_at);
			}
			return rows;
		},
		update: async () => {},
		create: async () => {},
	};
}

describe('broadcast audience sources', () => {
	let db: TestDatabase;
	let pool: pg.Pool;
	let server: RunningServer;
	let chatwoot: ChatwootClient;

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
		const sim = createChatwootSimulator({ simulateWhatsappSend: false });
		server = await listen(sim.app);
		chatwoot = createChatwootClient({
			baseUrl: server.url,
			accessToken: CHATWOOT_SIM_USER_TOKEN,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
		});
	});
	after(async () => {
		await server?.close();
		await db?.drop();
	});

	/** A WhatsApp customer writes to Sales (contact and conversation made); labels set on it. */
	async function contactWith(phone: string, name: string, labels: string[]) {
		const res = await fetch(`${server.url}/__sim/incoming`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				to_number: CHATWOOT_SIM_INBOXES.sales.phoneNumber,
				from: phone,
				name,
				content: 'Hello',
			}),
		});
		assert.equal(res.status, 200, await res.clone().text());
		const { conversation_id: conversationId } = (await res.json()) as { conversation_id: number };
		if (labels.length) await chatwoot.conversations.setLabels(conversationId, labels);
		return (await chatwoot.conversations.get(conversationId)).meta.sender.id;
	}

	it('should resolve a label group to the contacts carrying the label and a stage group to the contacts in it, once per phone, after suppression', async () => {
		// 30 with the label: more than one page (25) of conversations.
		const labelled = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				contactWith(`+3461000${String(i).padStart(4, '0')}`, `Fan ${i}`, ['fibre-fans']),
			),
		);
		await contactWith('+34620000001', 'Other label', ['billing']);
		const qualified = await contactWith('+34620000002', 'Qualified', []);
		const alsoLabelled = labelled[0] as number;
		for (const contactId of [qualified, alsoLabelled]) {
			await moveStage(pool, {
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
				contactId,
				to: 'qualified',
				by: 'agent',
			});
		}
		const derivedMembers = chatwootDerivedMembers({
			chatwoot,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			pool,
		});
		const deps = (group: DirectusRow, listed: DirectusRow[] = []): BroadcastStoreDeps => ({
			records: directusWith(group, listed),
			// Fan 1 opted out (STOP) after the label was set.
			suppressedPhones: async (phones) => new Set(phones.filter((p) => p === '+34610000001')),
			derivedMembers,
			now: () => new Date('2026-06-02T07:59:00Z'),
		});

		const byLabel = await createDirectusBroadcastStore(
			deps({ id: 7, chatwoot_labels: ['fibre-fans'], stage: null }, [
				// Listed explicitly as well: once, as the listed recipient.
				{
					id: 70,
					phone: '+34 610 000 002',
					name: 'Fan 2 (listed)',
					language: 'en',
					opted_out_at: null,
				},
			]),
		).loadPlan('1');
		const phones = (byLabel?.recipients ?? []).map((r) => r.phone);
		assert.equal(phones.length, 29, 'thirty labelled, one suppressed');
		assert.equal(new Set(phones).size, 29, 'each phone once');
		assert.ok(!phones.includes('+34610000001'));
		assert.ok(!phones.includes('+34620000001'), 'another label is not this group');
		assert.equal(byLabel?.recipients.find((r) => r.phone === '+34610000002')?.recipientId, '70');

		const byStage = await createDirectusBroadcastStore(
			deps({ id: 8, chatwoot_labels: null, stage: 'qualified' }),
		).loadPlan('1');
		assert.deepEqual(byStage?.recipients.map((r) => [r.recipientId, r.phone]).sort(), [
			[`contact:${alsoLabelled}`, '+34610000000'],
			[`contact:${qualified}`, '+34620000002'],
		]);
	});

	it("should count a label-and-stage group in Directus's estimate as the sender plans it", async () => {
		const fans = await Promise.all(
			['+34630000001', '+34630000002', '+34630000003'].map((phone, i) =>
				contactWith(phone, `Estimate fan ${i}`, ['estimate-fans']),
			),
		);
		const engaged = await contactWith('+34630000009', 'Engaged', []);
		for (const contactId of [engaged, fans[0] as number]) {
			await moveStage(pool, {
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
				contactId,
				to: 'engaged',
				by: 'agent',
			});
		}
		await suppress(pool, '+34630000002', 'opt_out_keyword');
		const records = directusWith(
			{ id: 11, chatwoot_labels: ['estimate-fans'], stage: 'engaged' },
			[],
		);
		const env = {
			CHATWOOT_URL: server.url,
			CHATWOOT_API_TOKEN: CHATWOOT_SIM_USER_TOKEN,
			CHATWOOT_ACCOUNT_ID: CHATWOOT_SIM_ACCOUNT_ID,
		};
		// Directus's knex, as the estimate endpoint and the schedule check get it: `?` bindings.
		const knex: RawQuery = {
			raw: (sql, bindings) => {
				let n = 0;
				return pool.query(
					sql.replace(/\?/g, () => `$${++n}`),
					bindings,
				);
			},
		};
		const estimateOf = async (derived: BroadcastStoreDeps['derivedMembers']) => {
			const deps: BroadcastStoreDeps = {
				records,
				suppressedPhones: suppressedPhonesVia(knex),
				lastCustomerMessages: lastCustomerMessagesVia(knex),
				derivedMembers: derived,
			};
			const broadcast = await readBroadcast(records, '1');
			assert.ok(broadcast);
			const context = await readBroadcastContext(deps, broadcast);
			return estimateFromContext(deps, context, { ratePerSecond: 80, messagingLimit: 1000 });
		};

		const estimate = await estimateOf(
			derivedMembersFromEnv(env, queryableVia(knex), { estimate: true }),
		);
		// The sender's plan, with its store built as sender-main.ts builds it.
		const plan = await createDirectusBroadcastStore({
			records,
			suppressedPhones: suppressedPhonesIn(pool),
			lastCustomerMessages: lastCustomerMessagesIn(pool),
			derivedMembers: derivedMembersFromEnv(env, pool),
		}).loadPlan('1');
		assert.deepEqual((plan?.recipients ?? []).map((r) => r.phone).sort(), [
			'+34630000001',
			'+34630000003',
			'+34630000009',
		]);
		assert.deepEqual(
			[estimate.recipients, estimate.excluded, estimate.uncountedGroups, estimate.outsideWindow],
			[3, 1, 0, 3],
			'three to reach (one in both the label and the stage), one suppressed',
		);

		const withoutChatwoot = await estimateOf(derivedMembersFromEnv({}, queryableVia(knex)));
		assert.deepEqual([withoutChatwoot.recipients, withoutChatwoot.uncountedGroups], [0, 1]);
		// Chatwoot down while staff save: the group is not counted (the note says so), not a failure;
		// the sender's lookup still fails, so no plan starts with part of its audience.
		const down = { ...env, CHATWOOT_URL: 'http://127.0.0.1:9' };
		const whileDown = await estimateOf(
			derivedMembersFromEnv(down, queryableVia(knex), { estimate: true }),
		);
		assert.deepEqual([whileDown.recipients, whileDown.uncountedGroups], [0, 1]);
		await assert.rejects(
			createDirectusBroadcastStore({
				records,
				suppressedPhones: suppressedPhonesIn(pool),
				derivedMembers: derivedMembersFromEnv(down, pool),
			}).loadPlan('1'),
			/Chatwoot refused the connection/,
		);
	});

	it('should refuse to plan a label group when the sender cannot look contacts up', async () => {
		await assert.rejects(
			createDirectusBroadcastStore({
				records: directusWith({ id: 9, chatwoot_labels: ['fibre-fans'], stage: null }, []),
				suppressedPhones: async () => new Set(),
			}).loadPlan('1'),
			/defined by Chatwoot labels or a stage.*CHATWOOT_URL/,
		);
	});

	it("should send the free-form text inside a customer's 24-hour window and the template outside it", async () => {
		const inbound = (from: string, wamid: string) =>
			JSON.stringify({
				object: 'whatsapp_business_account',
				entry: [
					{
						id: '102290129340398',
						changes: [
							{
								field: 'messages',
								value: {
									messaging_product: 'whatsapp',
									metadata: { display_phone_number: '15550000001', phone_number_id: PHONE_ID },
									contacts: [{ profile: { name: 'Customer' }, wa_id: from }],
									messages: [
										{
											from,
											id: wamid,
											timestamp: '1780000000',
											type: 'text',
											text: { body: 'Hi' },
										},
									],
								},
							},
						],
					},
				],
			});
		const store = async (from: string, wamid: string, hoursAgo: number) => {
			const body = inbound(from, wamid);
			const { webhookId } = await recordMetaWebhook(pool, {
				body,
				items: splitWhatsAppWebhook(JSON.parse(body)),
			});
			await pool.query(
				`update sb_meta_events set received_at = now() - make_interval(hours => $2) where webhook_id = $1`,
				[webhookId, hoursAgo],
			);
		};
		await store('34630000001', 'wamid.IN-1', 2); // wrote two hours ago: window open
		await store('34630000002', 'wamid.IN-2', 30); // wrote 30 hours ago: window closed
		const plan = await createDirectusBroadcastStore({
			records: directusWith({ id: 10, chatwoot_labels: null, stage: null }, [
				{ id: 1, phone: '+34630000001', name: 'Inside', language: 'en', opted_out_at: null },
				{ id: 2, phone: '+34630000002', name: 'Outside', language: 'en', opted_out_at: null },
				{ id: 3, phone: '+34630000003', name: 'Never wrote', language: 'en', opted_out_at: null },
			]),
			suppressedPhones: async () => new Set(),
			lastCustomerMessages: lastCustomerMessagesIn(pool),
		}).loadPlan('1');
		const byId = new Map(plan?.recipients.map((r) => [r.recipientId, r.message]));
		assert.deepEqual(byId.get('1'), {
			kind: 'text',
			body: 'Thanks for writing: Fibre 500 is half price in June!',
			fallbackTemplate: { kind: 'template', name: 'june_promo', language: 'en', components: [] },
		});
		assert.equal(byId.get('2')?.kind, 'template');
		assert.equal(byId.get('3')?.kind, 'template');
	});
});
