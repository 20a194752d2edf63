// Directus Content and Department Router on a real Directus 11 with our schema, access and seed,
// read with the automation token n8n gets in production. Boots Directus: about 15 s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import {
	startContentDirectus,
	type ContentDirectus,
} from '../../glue/src/content/setup/testing.ts';
import { CHATWOOT_SIM_INBOXES, CHATWOOT_SIM_TEAMS } from '../../simulators/src/chatwoot/index.ts';
import { runNodes, type TestNode } from './harness.ts';

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
			const departments = item?.json.departments as Array<{ key: string }>;
			assert.deepEqual(departments.map((d) => d.key).sort(), ['billing', 'sales', 'support']);
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
			const department = item?.json.department as { key: string; chatwootTeamId: number };
			assert.equal(department.key, 'billing');
			assert.equal(department.chatwootTeamId, CHATWOOT_SIM_TEAMS.billing.id);
			assert.equal(typeof (item?.json.hours as { open: boolean }).open, 'boolean');
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
