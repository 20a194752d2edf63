import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
	createDirectusBroadcastStore,
	scheduledBroadcasts,
	type BroadcastStoreDeps,
	type DeliveryCounts,
} from './directus-store.ts';
import { handleOptOut } from './opt-out-command.ts';
import type { BroadcastRecords, DirectusRow, ReadQuery } from './records.ts';
import { templateFromRecord } from '../templates/record.ts';
import { toBusinessInfo } from '../content/records.ts';

/** Directus at the seam: collections of rows, filtered the few ways the store asks. */
function memoryRecords(data: Record<string, DirectusRow[]>) {
	const updates: { collection: string; id: string; data: DirectusRow }[] = [];
	const created: { collection: string; data: DirectusRow }[] = [];
	const matches = (row: DirectusRow, filter: Record<string, unknown> = {}) =>
		Object.entries(filter).every(([field, condition]) => {
			const [op, value] = Object.entries(condition as Record<string, unknown>)[0] ?? [];
			const actual = row[field];
			if (op === '_eq') return String(actual) === String(value);
			if (op === '_in') return (value as unknown[]).map(String).includes(String(actual));
			if (op === '_nnull') return actual !== null && actual !== undefined;
			throw new Error(`filter ${String(op)} not in the fake`);
		});
	const records: BroadcastRecords = {
		read: async (collection: string, query: ReadQuery) => {
			const rows = (data[collection] ?? []).filter((row) => matches(row, query.filter));
			if (collection === 'recipient_groups_recipients') {
				return rows.map((row) => ({
					recipients_id: data.recipients?.find((r) => r.id === row.recipients_id),
				}));
			}
			return rows;
		},
		update: async (collection, id, change) => {
			updates.push({ collection, id, data: change });
			const row = data[collection]?.find((r) => String(r.id) === id);
			if (row) Object.assign(row, change);
		},
		create: async (collection, row) => {
			created.push({ collection, data: row });
		},
	};
	return { records, updates, created };
}

const template = (overrides: DirectusRow = {}): DirectusRow => ({
	id: 1,
	key: 'june_promo',
	language: 'en',
	channel: 'whatsapp_template',
	status: 'published',
	body: 'Hi {{contact.first_name}}, reply {{broadcast.opt_out_word}} to stop.',
	fallbacks: { 'contact.first_name': 'there' },
	whatsapp_template_name: 'june_promo',
	whatsapp_language_code: 'en',
	whatsapp_category: 'MARKETING',
	whatsapp_parameters: [
		{ component: 'body', position: 1, variable: 'contact.first_name' },
		{ component: 'body', position: 2, variable: 'broadcast.opt_out_word' },
	],
	...overrides,
});

const counts = (some: Partial<DeliveryCounts>): DeliveryCounts => ({
	queued: 0,
	sending: 0,
	sent: 0,
	delivered: 0,
	read: 0,
	failed: 0,
	skipped: 0,
	cancelled: 0,
	total: 0,
	...some,
});

const business = {
	name: 'Northwind Fibre',
	time_zone: 'Europe/Madrid',
	opening_hours: {},
	address: null,
	contacts: null,
	tone_of_voice: null,
};

function world(): Record<string, DirectusRow[]> {
	return {
		business_info: [business],
		departments: [{ key: 'sales', phone_number_ids: ['1000001'] }],
		message_templates: [
			template(),
			template({
				id: 2,
				language: 'es',
				whatsapp_language_code: 'es',
				body: 'Hola {{contact.first_name}}, {{broadcast.opt_out_word}} para no recibir más.',
			}),
		],
		opt_out_keywords: [
			{ language: 'en', stop_words: ['STOP'], start_words: ['START'] },
			{ language: 'es', stop_words: ['BAJA'], start_words: ['ALTA'] },
		],
		broadcasts: [
			{
				id: 5,
				name: 'June',
				status: 'scheduled',
				template_key: 'june_promo',
				department: 'sales',
				scheduled_at: '2026-06-02T10:00:00',
				groups: [{ recipient_groups_id: 3 }],
			},
		],
		recipient_groups: [{ id: 3, chatwoot_labels: null, stage: null }],
		recipients: [
			{ id: 11, phone: '+34600000011', name: 'Ana López', language: 'es', opted_out_at: null },
			{ id: 12, phone: '+44700000012', name: null, language: 'en', opted_out_at: null },
			{
				id: 13,
				phone: '+34600000013',
				name: 'Out',
				language: 'es',
				opted_out_at: '2026-05-01T00:00:00Z',
			},
			{ id: 14, phone: '+34600000014', name: 'Suppressed', language: 'es', opted_out_at: null },
		],
		recipient_groups_recipients: [11, 12, 13, 14].map((id) => ({
			recipient_groups_id: 3,
			recipients_id: id,
		})),
	};
}

describe('directus-store', () => {
	let data: Record<string, DirectusRow[]>;
	let fake: ReturnType<typeof memoryRecords>;
	let deps: BroadcastStoreDeps;
	beforeEach(() => {
		data = world();
		fake = memoryRecords(data);
		deps = {
			records: fake.records,
			suppressedPhones: async (phones) => new Set(phones.filter((p) => p === '+34600000014')),
			now: () => new Date('2026-06-02T07:59:00Z'),
		};
	});

	describe('loadPlan', () => {
		it("should render each recipient's template in their language, leaving out who opted out", async () => {
			const plan = await createDirectusBroadcastStore(deps).loadPlan('5');
			assert.equal(plan?.phoneNumberId, '1000001');
			// 10:00 in Madrid in June is 08:00 UTC.
			assert.deepEqual(plan?.scheduledAt, new Date('2026-06-02T08:00:00.000Z'));
			assert.deepEqual(plan?.recipients, [
				{
					recipientId: '11',
					phone: '+34600000011',
					message: {
						kind: 'template',
						name: 'june_promo',
						language: 'es',
						components: [
							{
								type: 'body',
								parameters: [
									{ type: 'text', text: 'Ana' },
									{ type: 'text', text: 'BAJA' },
								],
							},
						],
					},
				},
				{
					recipientId: '12',
					phone: '+44700000012',
					message: {
						kind: 'template',
						name: 'june_promo',
						language: 'en',
						components: [
							{
								type: 'body',
								parameters: [
									{ type: 'text', text: 'there' },
									{ type: 'text', text: 'STOP' },
								],
							},
						],
					},
				},
			]);
			assert.deepEqual(fake.updates.at(-1), {
				collection: 'broadcasts',
				id: '5',
				data: { recipient_count: 2, status_note: null },
			});
		});
		it('should send the free-form version to a customer whose window is open', async () => {
			data.message_templates?.push(
				template({
					id: 3,
					channel: 'whatsapp_session',
					body: 'Hola {{contact.first_name}}!',
					whatsapp_template_name: null,
					whatsapp_parameters: [],
					language: 'es',
				}),
			);
			deps.lastCustomerMessages = async () =>
				new Map([['+34600000011', new Date('2026-06-02T07:00:00Z')]]);
			const plan = await createDirectusBroadcastStore(deps).loadPlan('5');
			const ana = plan?.recipients.find((r) => r.recipientId === '11');
			assert.equal(ana?.message.kind, 'text');
			assert.equal(ana?.message.kind === 'text' && ana.message.body, 'Hola Ana!');
		});
		it('should answer null for a broadcast that is not scheduled any more', async () => {
			(data.broadcasts?.[0] as DirectusRow).status = 'cancelled';
			assert.equal(await createDirectusBroadcastStore(deps).loadPlan('5'), null);
			assert.equal(await createDirectusBroadcastStore(deps).loadPlan('404'), null);
		});
		it('should include the contacts a label-defined group takes, once', async () => {
			data.recipient_groups = [{ id: 3, chatwoot_labels: ['fibre'], stage: null }];
			deps.derivedMembers = async () => [
				{
					recipientId: 'contact:7',
					phone: '+34600000077',
					name: 'Luis',
					language: 'es',
					chatwootContactId: 7,
				},
				{
					recipientId: 'contact:8',
					phone: '+34600000011',
					name: 'Ana',
					language: 'es',
					chatwootContactId: 8,
				},
			];
			const plan = await createDirectusBroadcastStore(deps).loadPlan('5');
			assert.deepEqual(
				plan?.recipients.map((r) => r.recipientId),
				['11', '12', 'contact:7'],
			);
		});
	});

	describe('reportStatus', () => {
		it('should write the status, the counts as marketing reads them, and when it started', async () => {
			await createDirectusBroadcastStore(deps).reportStatus(
				'5',
				'processing',
				counts({ queued: 2 }),
			);
			await createDirectusBroadcastStore(deps).reportStatus(
				'5',
				'partially_failed',
				counts({ sent: 1, delivered: 2, read: 3, failed: 1 }),
			);
			assert.deepEqual(
				fake.updates.map((u) => u.data),
				[
					{
						status: 'processing',
						sent_count: 0,
						delivered_count: 0,
						read_count: 0,
						failed_count: 0,
						started_at: '2026-06-02T07:59:00.000Z',
					},
					{
						status: 'partially_failed',
						sent_count: 6,
						delivered_count: 5,
						read_count: 3,
						failed_count: 1,
						finished_at: '2026-06-02T07:59:00.000Z',
					},
				],
			);
		});
	});

	describe('scheduledBroadcasts', () => {
		it('should list the scheduled ones with their start in UTC', async () => {
			assert.deepEqual(await scheduledBroadcasts(deps), [
				{ broadcastId: '5', startsAt: new Date('2026-06-02T08:00:00Z') },
			]);
		});
	});

	describe('handleOptOut', () => {
		const confirmations = [
			templateFromRecord({
				key: 'opt_out_confirmation',
				language: 'es',
				body: 'Listo, no recibirás más mensajes. Escribe {{broadcast.opt_in_word}} para volver.',
			}),
		];
		const input = (text: string, phone = '+34600000011') => ({
			text,
			phone,
			keywords:
				data.opt_out_keywords?.map((row) => ({
					language: String(row.language),
					stop_words: row.stop_words as string[],
					start_words: row.start_words as string[],
				})) ?? [],
			templates: confirmations,
			business: toBusinessInfo({ id: 1, ...business }),
		});
		it('should suppress, mark the recipient and confirm in their language', async () => {
			const suppressed: string[] = [];
			const outcome = await handleOptOut(
				{ ...deps, suppress: async (p) => void suppressed.push(p), resubscribe: async () => {} },
				input(' baja '),
			);
			assert.deepEqual(suppressed, ['+34600000011']);
			assert.equal(
				outcome.handled && outcome.confirmation,
				'Listo, no recibirás más mensajes. Escribe ALTA para volver.',
			);
			assert.equal(fake.updates.at(-1)?.data.opt_out_source, 'keyword');
		});
		it('should record someone never listed, so an import cannot add them back unseen', async () => {
			await handleOptOut(
				{ ...deps, suppress: async () => {}, resubscribe: async () => {} },
				input('STOP', '+15550001111'),
			);
			assert.equal(fake.created[0]?.data.phone, '+15550001111');
		});
		it('should re-subscribe on a start word and change nothing for other messages', async () => {
			const resubscribed: string[] = [];
			const d = {
				...deps,
				suppress: async () => {},
				resubscribe: async (p: string) => void resubscribed.push(p),
			};
			assert.equal((await handleOptOut(d, input('ALTA'))).handled, true);
			assert.deepEqual(resubscribed, ['+34600000011']);
			assert.deepEqual(await handleOptOut(d, input('baja por favor')), { handled: false });
			assert.deepEqual(await handleOptOut(d, { ...input('STOP'), phone: null }), {
				handled: false,
			});
		});
	});
});
