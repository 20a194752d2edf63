// Directus Content and Department Router on a real Directus 11 with our schema, access and seed,
// read with the automation token n8n gets in production. Boots Directus: about 15 s.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import { startContentDirectus, type ContentDirectus } from '@switchboard/glue/testing';
import { CHATWOOT_SIM_INBOXES, CHATWOOT_SIM_TEAMS } from '../../simulators/src/chatwoot/index.ts';
import { freePorts } from '../../scripts/lib/ports.ts';
import { logStoreCredential } from '../../scripts/lib/n8n-provision.ts';
import { runNodes, type TestNode } from './harness.ts';

/** The Record lead node's parameters as workflow 03 sets them. */
function workflow03RecordLead(): TestNode['parameters'] {
	const workflow = JSON.parse(
		readFileSync(new URL('../workflows/03-whatsapp-lead-capture.json', import.meta.url), 'utf8'),
	) as { nodes: Array<{ name: string; parameters: TestNode['parameters'] }> };
	const recordLead = workflow.nodes.find((node) => node.name === 'Record lead');
	assert.ok(recordLead, 'workflow 03 has its Record lead node');
	return recordLead.parameters;
}

describe('Directus-backed nodes', () => {
	let content: ContentDirectus;
	before(async () => {
		content = await startContentDirectus({
			access: true,
			seed: { clock: { now: () => Date.now() } },
		});
	});
	after(() => content?.stop());

	const node = (type: string, name: string, parameters: TestNode['parameters']): TestNode => ({
		name,
		type,
		parameters,
		credentials: { switchboardDirectusApi: 'directus' },
	});
	const run = (nodes: TestNode[], input: IDataObject[] = [{}], token?: string) =>
		runNodes({
			nodes,
			input,
			credentials: {
				switchboardDirectusApi: {
					url: content.directus.url,
					token: token ?? content.automationToken!,
				},
			},
		});

	describe('Directus Content', () => {
		it('should give the triage only live promotions and published FAQ of the department', async () => {
			const result = await run([
				node('directusContent', 'Content', {
					operation: 'getKnowledgeBundle',
					departmentKey: 'sales',
					language: '',
				}),
			]);
			assert.equal(result.error, undefined);
			const [item] = result.output('Content');
			const knowledge = item?.json.knowledge as {
				department: { key: string };
				departments: Array<{ key: string }>;
				faq: unknown[];
				promotions: Array<{ endsAt: string; startsAt: string }>;
			};
			assert.equal(knowledge.department.key, 'sales');
			assert.ok(knowledge.faq.length > 0);
			const now = Date.now();
			assert.ok(knowledge.promotions.length > 0);
			for (const promotion of knowledge.promotions) {
				assert.ok(Date.parse(promotion.startsAt) <= now && now <= Date.parse(promotion.endsAt));
			}
			assert.deepEqual(knowledge.departments.map((d) => d.key).sort(), [
				'billing',
				'sales',
				'support',
			]);
		});

		it('should give one item per live promotion', async () => {
			const result = await run([
				node('directusContent', 'Content', { operation: 'getLivePromotions', department: '' }),
			]);
			assert.equal(result.error, undefined);
			assert.equal(result.output('Content').length, 2, 'the seed has two live promotions');
		});

		it("should say the token was refused, with Directus's status, for a wrong token", async () => {
			const result = await run(
				[node('directusContent', 'Content', { operation: 'getBusinessInfo' })],
				[{}],
				'not-a-token',
			);
			assert.equal(result.error?.name, 'NodeApiError');
			assert.match(String(result.error?.message), /token|401|unauthori/i);
		});
	});

	describe('Record Lead', () => {
		const lena = { name: 'Lena', phoneNumber: '+16175550100' };
		// Workflow 01's item: a debounced batch (the ad's referral is on the conversation's first
		// message only) and the department it reached.
		const batchItem = (
			conversationId: number,
			referral: IDataObject | null = { source_type: 'ad', source_id: 'ad-42' },
			{ inboxId = 1, sender = lena as IDataObject } = {},
		): IDataObject => ({
			batch: {
				conversationId,
				inboxId,
				messages: [
					{ content: 'Do you cover Cambridge?', sender, referral },
					{ content: 'And Somerville?', sender, referral: null },
				],
				latest: { content: 'And Somerville?', content_attributes: {} },
			},
			// Sales's WhatsApp inbox (1), then its Instagram inbox (5), as the config apply writes them.
			department: { key: 'sales', whatsappNumbers: ['+15550000001'], chatwootInboxIds: [1, 5] },
		});
		const leadsOf = async (conversationId: number) =>
			await content.adminApi.call<Array<Record<string, unknown>>>('GET', '/items/leads', {
				params: { filter: { chatwoot_conversation_id: { _eq: conversationId } } },
			});

		it('should refuse a lead without a conversation, naming the field, and record nothing', async () => {
			const result = await run(
				[node('directusContent', 'Record', { operation: 'recordLead', departmentKey: 'sales' })],
				[{}],
			);
			assert.match(
				JSON.stringify(result.error, Object.getOwnPropertyNames(result.error ?? {})),
				/conversationId/,
			);
		});

		it('should record one lead per conversation with the automation token, the second time nothing', async () => {
			const recordLead = node('directusContent', 'Record', workflow03RecordLead());
			const first = await run([recordLead], [batchItem(7001)]);
			assert.equal(first.error, undefined);
			assert.deepEqual(first.output('Record')[0]?.json.lead, { created: true, id: null });
			const second = await run([recordLead], [batchItem(7001)]);
			assert.equal(second.error, undefined);
			assert.equal((second.output('Record')[0]?.json.lead as IDataObject).created, false);
			const leads = await leadsOf(7001);
			assert.equal(leads.length, 1);
			assert.deepEqual(
				{
					department: leads[0]!.department,
					receiving_number: leads[0]!.receiving_number,
					contact_name: leads[0]!.contact_name,
					contact_phone: leads[0]!.contact_phone,
					first_message: leads[0]!.first_message,
					referral: leads[0]!.referral,
				},
				{
					department: 'sales',
					receiving_number: '+15550000001',
					contact_name: 'Lena',
					contact_phone: '+16175550100',
					first_message: 'Do you cover Cambridge?',
					referral: { source_type: 'ad', source_id: 'ad-42' },
				},
			);
		});

		it('should record an Instagram lead with neither our number nor a phone number', async () => {
			const recordLead = node('directusContent', 'Record', workflow03RecordLead());
			const ines = { id: 12, name: 'Ines', phoneNumber: null };
			const result = await run([recordLead], [batchItem(7004, null, { inboxId: 5, sender: ines })]);
			assert.equal(result.error, undefined);
			const [lead] = await leadsOf(7004);
			assert.deepEqual(
				[lead?.department, lead?.receiving_number, lead?.contact_name, lead?.contact_phone],
				['sales', null, 'Ines', null],
			);
		});

		it("should by default take the referral from the batch's first message that has one", async () => {
			const recordLead = node('directusContent', 'Record', {
				operation: 'recordLead',
				conversationId: '={{ $json.batch.conversationId }}',
			});
			const result = await run([recordLead], [batchItem(7002), batchItem(7003, null)]);
			assert.equal(result.error, undefined);
			const [fromAd] = await leadsOf(7002);
			const [direct] = await leadsOf(7003);
			assert.deepEqual(fromAd?.referral, { source_type: 'ad', source_id: 'ad-42' });
			assert.equal(direct?.referral, null, 'no referral is none, not an empty object');
		});

		it('should queue the lead while Directus is down, with the Postgres credential, and write it later', async () => {
			const [port] = await freePorts(1);
			const downUrl = `http://127.0.0.1:${port}`;
			const recordLead: TestNode = {
				...node('directusContent', 'Record', workflow03RecordLead()),
				credentials: { switchboardDirectusApi: 'directus', switchboardPostgresApi: 'log' },
			};
			const withOutbox = (url: string, conversationId: number) =>
				runNodes({
					nodes: [recordLead],
					input: [batchItem(conversationId)],
					credentials: {
						switchboardDirectusApi: { url, token: content.automationToken! },
						switchboardPostgresApi: logStoreCredential(content.directus.databaseUrl),
					},
				});
			const down = await withOutbox(downUrl, 7010);
			assert.equal(down.error, undefined);
			assert.deepEqual(down.output('Record')[0]?.json.lead, {
				created: false,
				id: null,
				queued: true,
			});
			// The outage ends (here: the same lead waits for the Directus that is up).
			await content.pool.query('update sb_pending_leads set directus_url = $1', [
				content.directus.url,
			]);
			const back = await withOutbox(content.directus.url, 7011);
			assert.equal(back.error, undefined);
			assert.equal((await leadsOf(7010)).length, 1);
			assert.equal((await leadsOf(7011)).length, 1);
			const left = await content.pool.query('select 1 from sb_pending_leads');
			assert.equal(left.rowCount, 0);
		});
	});

	describe('Department Router', () => {
		it('should resolve the department from the inbox and add whether it is open', async () => {
			const result = await run(
				[
					node('departmentRouter', 'Router', {
						operation: 'resolveDepartment',
						receivedBy: 'whatsapp_number',
						value: '={{ $json.to }}',
					}),
				],
				[{ to: CHATWOOT_SIM_INBOXES.billing.phoneNumber }],
			);
			assert.equal(result.error, undefined);
			const [item] = result.output('Router');
			const department = item?.json.department as {
				key: string;
				chatwootTeamId: number;
				hours: { open: boolean };
			};
			assert.equal(department.key, 'billing');
			assert.equal(department.chatwootTeamId, CHATWOOT_SIM_TEAMS.billing.id);
			assert.equal(typeof department.hours.open, 'boolean');
			assert.equal(item?.json.to, CHATWOOT_SIM_INBOXES.billing.phoneNumber, 'keeps the item');
		});

		it('should transfer a billing question that reached Sales, with a note saying why', async () => {
			const triage = {
				department: 'billing',
				confidence: 0.93,
				needs_human: false,
				urgency: 'medium',
				reply: 'Your invoice…',
				handoff_reason: null,
				language: 'en',
				source: 'claude',
			};
			const result = await run(
				[
					node('departmentRouter', 'Router', {
						operation: 'decideRoute',
						departmentKey: 'sales',
						triage: '={{ $json.triage }}',
					}),
				],
				[{ triage }],
			);
			assert.equal(result.error, undefined);
			const route = result.output('Router')[0]?.json.route as Record<string, unknown>;
			assert.equal(route.action, 'transfer');
			assert.equal(route.toDepartment, 'billing');
			assert.equal(route.teamId, CHATWOOT_SIM_TEAMS.billing.id);
			assert.equal(route.outcome, 'transferred');
			assert.match(String(route.note), /billing/i);
		});

		it('should leave an answer to the booking chat and a wish to book to it, one decision each, nothing planned', async () => {
			const triage = {
				department: 'billing',
				confidence: 0.2,
				needs_human: false,
				urgency: 'medium',
				reply: 'Hi!',
				handoff_reason: null,
				language: 'en',
				source: 'claude',
				appointment: 'none',
			};
			const result = await run(
				[
					node('departmentRouter', 'Router', {
						operation: 'decideRoute',
						departmentKey: 'sales',
						triage: '={{ $json.triage }}',
						bookingChatActive: '={{ $json.booking?.active === true }}',
					}),
				],
				[
					{ triage, booking: { active: true } },
					{ triage: { ...triage, appointment: 'change' }, booking: { active: false } },
					{ triage, booking: { active: false } },
				],
			);
			assert.equal(result.error, undefined);
			const routes = result
				.output('Router')
				.map((item) => item.json.route as Record<string, unknown>);
			assert.deepEqual(
				routes.map((route) => [route.action, route.rule, route.request, route.outcome]),
				[
					['booking_chat', 'answering_booking_chat', null, 'booking_chat'],
					['booking_chat', 'appointment_request', 'change', 'booking_chat'],
					['handoff', 'low_confidence', undefined, 'handed_off'],
				],
			);
			assert.deepEqual(routes[0]?.plan, { customerMessage: null, handoff: null });
		});

		it('should hand a billing question on Sales to Billing when Claude is down and the keywords say so', async () => {
			const triage = {
				department: 'billing',
				confidence: 0,
				needs_human: true,
				urgency: 'medium',
				reply: '',
				handoff_reason:
					'Automatic triage unavailable: Claude is overloaded (HTTP 529) after retries.',
				language: 'en',
				intent: 'unclassified',
				sentiment: 'neutral',
				summary: 'Keyword triage: routed to Billing by keywords "invoice".',
				source: 'fallback',
				fallbackReason: 'overloaded',
			};
			const result = await run(
				[
					node('departmentRouter', 'Router', {
						operation: 'decideRoute',
						departmentKey: 'sales',
						triage: '={{ $json.triage }}',
					}),
				],
				[{ triage }],
			);
			assert.equal(result.error, undefined);
			const route = result.output('Router')[0]?.json.route as IDataObject;
			assert.deepEqual(
				[route.action, route.rule, route.toDepartment],
				['transfer', 'fallback_keywords', 'billing'],
			);
			const handoff = (route.plan as IDataObject).handoff as IDataObject;
			assert.equal(handoff.teamId, CHATWOOT_SIM_TEAMS.billing.id);
			assert.match(String(handoff.note), /from Sales to Billing[\s\S]*by keywords "invoice"/);
			assert.equal(route.outcome, 'fallback');
		});

		it("should tell the customer of a closed team when it is back, in Directus's template and their language", async () => {
			const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
			const weekday = (locale: string, style: 'long' | 'short') =>
				new Intl.DateTimeFormat(locale, { timeZone: 'America/New_York', weekday: style }).format(
					inThreeDays,
				);
			const path = '/items/departments/support';
			const { opening_hours: before } = await content.adminApi.call<{ opening_hours: unknown }>(
				'GET',
				path,
			);
			const opening_hours = {
				[weekday('en-US', 'short').toLowerCase()]: [{ open: '09:00', close: '17:00' }],
			};
			await content.adminApi.call('PATCH', path, { body: { opening_hours } });
			try {
				const triage = (language: string) => ({
					department: 'support',
					confidence: 0.2,
					needs_human: false,
					urgency: 'medium',
					reply: null,
					handoff_reason: null,
					language,
					intent: 'outage',
					sentiment: 'neutral',
					source: 'claude',
				});
				// The admin's token gets a reader (and cache) of its own: the hours above are read fresh.
				const result = await run(
					[
						node('departmentRouter', 'Router', {
							operation: 'decideRoute',
							departmentKey: 'support',
							triage: '={{ $json.triage }}',
						}),
					],
					[
						{ triage: triage('en'), batch: { messages: [{ sender: { name: 'Ana' } }] } },
						{ triage: triage('es-MX'), batch: { messages: [{ sender: { name: 'Lucía' } }] } },
					],
					content.admin.token,
				);
				assert.equal(result.error, undefined);
				const plans = result
					.output('Router')
					.map((item) => (item.json.route as IDataObject).plan as IDataObject);
				assert.deepEqual(
					plans.map((plan) => plan.customerMessage),
					[
						`Hi Ana, thanks for your message. We are closed right now and open again ${weekday('en', 'long')} at 09:00. A person will reply then.`,
						`Hola Lucía, gracias por su mensaje. Ahora estamos cerrados y volvemos a abrir ${weekday('es', 'long')} a las 09:00. Una persona le responderá entonces.`,
					],
				);
				assert.match(
					String((plans[0]!.handoff as IDataObject).note),
					/Closed now; back \w+ at 09:00\. The customer was told\./,
				);
			} finally {
				await content.adminApi.call('PATCH', path, { body: { opening_hours: before } });
			}
		});

		it('should name the number and the known ones when no department has it', async () => {
			const result = await run([
				node('departmentRouter', 'Router', {
					operation: 'resolveDepartment',
					receivedBy: 'whatsapp_number',
					value: '+19999999999',
				}),
			]);
			assert.equal(result.error?.name, 'NodeOperationError');
			assert.match(String(result.error?.message), /19999999999/);
		});
	});
});
