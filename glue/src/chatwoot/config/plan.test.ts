import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentBot, Inbox, Webhook } from '../schemas-account.ts';
import { formatChanges } from './changes.ts';
import { chatwootConfigSchema, type ChatwootConfig } from './config-schema.ts';
import { planChatwootConfig, type PlanStep } from './plan.ts';
import type { ChatwootState } from './read-state.ts';

const URL_A = 'https://hooks.example.com/webhooks/chatwoot';

function config(overrides: Record<string, unknown> = {}): ChatwootConfig {
	return chatwootConfigSchema.parse({
		account: { id: 1 },
		departments: [
			{
				key: 'sales',
				name: 'Sales',
				team: { name: 'Sales', description: 'New customers' },
				whatsapp: [{ inbox: 'Sales', number: '+15550000001', phone_number_id: '1555000000001' }],
			},
		],
		labels: [{ title: 'dept-sales', color: '#2563eb', description: 'Sales' }],
		agent_bot: { name: 'Triage', outgoing_url: URL_A },
		account_webhook: {
			name: 'Gateway',
			url: URL_A,
			subscriptions: ['message_created', 'conversation_created'],
		},
		custom_attributes: [
			{
				key: 'department',
				model: 'conversation',
				display_name: 'Department',
				display_type: 'list',
				values: ['sales'],
			},
		],
		...overrides,
	});
}

const inbox = (overrides: Partial<Inbox> = {}): Inbox => ({
	id: 7,
	name: 'Sales',
	channel_id: 7,
	channel_type: 'Channel::Whatsapp',
	phone_number: '+15550000001',
	provider_config: { phone_number_id: '1555000000001' },
	...overrides,
});
const bot = (overrides: Partial<AgentBot> = {}): AgentBot => ({
	id: 3,
	name: 'Triage',
	description: null,
	outgoing_url: URL_A,
	bot_type: 'webhook',
	account_id: 1,
	secret: 'bot-secret',
	...overrides,
});
const webhook = (overrides: Partial<Webhook> = {}): Webhook => ({
	id: 4,
	name: 'Gateway',
	url: URL_A,
	account_id: 1,
	subscriptions: ['conversation_created', 'message_created'],
	secret: 'hook-secret',
	...overrides,
});

/** Chatwoot as the config describes it, with the quirks of its answers (null vs "", upper case). */
function matchingState(overrides: Partial<ChatwootState> = {}): ChatwootState {
	return {
		labels: [
			{ id: 1, title: 'dept-sales', color: '#2563EB', description: 'Sales', show_on_sidebar: null },
		],
		customAttributes: [
			{
				id: 2,
				attribute_key: 'department',
				attribute_model: 'conversation_attribute',
				attribute_display_name: 'Department',
				attribute_display_type: 'list',
				attribute_description: null,
				attribute_values: ['sales'],
			},
		],
		teams: [
			{
				id: 5,
				name: 'sales',
				description: 'New customers',
				allow_auto_assign: true,
				account_id: 1,
			},
		],
		inboxes: [inbox()],
		inboxBots: new Map([[7, 3]]),
		agentBots: [bot()],
		webhooks: [webhook()],
		...overrides,
	};
}

const emptyState = (): ChatwootState => ({
	labels: [],
	customAttributes: [],
	teams: [],
	inboxes: [inbox()],
	inboxBots: new Map([[7, null]]),
	agentBots: [],
	webhooks: [],
});

const lines = (steps: PlanStep[]) => formatChanges(steps.map((s) => s.change));

describe('planChatwootConfig', () => {
	it('should create what is missing and attach the bot to the inbox it finds by number', () => {
		const plan = planChatwootConfig(config(), emptyState());
		assert.deepEqual(plan.problems, []);
		assert.deepEqual(lines(plan.steps), [
			'+ label dept-sales',
			'+ custom attribute department (conversation)',
			'+ team "sales"',
			'+ agent bot "Triage"',
			'~ inbox "Sales" (+15550000001) agent_bot',
			'+ account webhook "Gateway"',
		]);
		assert.deepEqual(plan.inboxIds, new Map([['+15550000001', 7]]));
		const team = plan.steps.find((s) => s.type === 'team');
		assert.deepEqual(team?.input, { name: 'sales', description: 'New customers' });
	});

	it('should find nothing to change when Chatwoot matches, whatever its spelling of empty and case', () => {
		const plan = planChatwootConfig(config(), matchingState());
		assert.deepEqual(lines(plan.steps), ['= 6 unchanged']);
		assert.equal(plan.agentBot?.secret, 'bot-secret');
		assert.equal(plan.accountWebhook?.secret, 'hook-secret');
	});

	it('should update only the fields that differ, and send only those', () => {
		const state = matchingState({
			agentBots: [bot({ outgoing_url: 'http://old.example/hook' })],
			inboxes: [inbox({ name: 'WhatsApp +1 555 0001' })],
			labels: [{ id: 1, title: 'dept-sales', color: '#000000', description: 'Sales' }],
		});
		const plan = planChatwootConfig(config(), state);
		assert.deepEqual(lines(plan.steps), [
			'~ label dept-sales color',
			'~ agent bot "Triage" outgoing_url',
			'~ inbox "Sales" (+15550000001) name',
			'= 3 unchanged',
		]);
		const botStep = plan.steps.find((s) => s.type === 'agent bot');
		assert.deepEqual(botStep?.input, { name: 'Triage', outgoing_url: URL_A });
		const inboxStep = plan.steps.find((s) => s.type === 'inbox');
		assert.deepEqual(inboxStep, { ...inboxStep, input: { name: 'Sales' }, attachBot: false });
	});

	it('should adopt a webhook made by hand for the same URL, and give it the name', () => {
		const plan = planChatwootConfig(
			config(),
			matchingState({ webhooks: [webhook({ name: null })] }),
		);
		assert.deepEqual(lines(plan.steps).slice(0, 1), ['~ account webhook "Gateway" name']);
	});

	it('should stop at a missing WhatsApp inbox, saying how to create it', () => {
		const plan = planChatwootConfig(config(), matchingState({ inboxes: [] }));
		assert.equal(plan.problems.length, 1);
		assert.match(
			plan.problems[0] ?? '',
			/^department sales, \+15550000001: Chatwoot has no WhatsApp inbox/,
		);
		assert.match(plan.problems[0] ?? '', /phone number id 1555000000001/);
	});

	it('should not take an API inbox for a WhatsApp number', () => {
		const api = inbox({ channel_type: 'Channel::Api' });
		const plan = planChatwootConfig(config(), matchingState({ inboxes: [api] }));
		assert.match(plan.problems[0] ?? '', /has no WhatsApp inbox/);
	});

	it("should stop at an inbox whose phone-number id is not the config's", () => {
		const wrong = inbox({ provider_config: { phone_number_id: '999' } });
		const plan = planChatwootConfig(config(), matchingState({ inboxes: [wrong] }));
		assert.deepEqual(plan.problems.length, 1);
		assert.match(plan.problems[0] ?? '', /has phone number id 999, the config says 1555000000001/);
	});

	describe('Messenger and Instagram inboxes', () => {
		const social = () =>
			config({
				departments: [
					{
						key: 'sales',
						name: 'Sales',
						whatsapp: [
							{ inbox: 'Sales', number: '+15550000001', phone_number_id: '1555000000001' },
						],
						messenger: [{ inbox: 'Northwind' }],
						instagram: [{ inbox: 'Northwind', lock_to_single_conversation: true }],
					},
				],
			});
		const page = inbox({
			id: 8,
			name: 'Northwind',
			channel_type: 'Channel::FacebookPage',
			phone_number: null,
			provider_config: null,
		});
		const account = inbox({
			id: 9,
			name: 'Northwind',
			channel_type: 'Channel::Instagram',
			phone_number: null,
			provider_config: null,
		});

		it('should find each by channel and name, attach the bot and set what differs', () => {
			const plan = planChatwootConfig(
				social(),
				matchingState({ inboxes: [inbox(), account, page], inboxBots: new Map([[7, 3]]) }),
			);
			assert.deepEqual(plan.problems, []);
			assert.deepEqual(
				lines(plan.steps).filter((line) => line.includes('inbox')),
				[
					'~ inbox "Northwind" (Messenger) agent_bot',
					'~ inbox "Northwind" (Instagram) lock_to_single_conversation, agent_bot',
				],
			);
			const inputs = plan.steps.flatMap((s) => (s.type === 'inbox' ? [[s.id, s.input]] : []));
			assert.deepEqual(inputs, [
				[7, {}],
				[8, {}],
				[9, { lock_to_single_conversation: true }],
			]);
			assert.deepEqual(
				plan.socialInboxIds,
				new Map([
					['messenger Northwind', 8],
					['instagram Northwind', 9],
				]),
			);
		});

		it('should stop at a missing one, saying how to connect it, and not take another channel', () => {
			const webWidget = { ...page, channel_type: 'Channel::WebWidget' };
			const plan = planChatwootConfig(social(), matchingState({ inboxes: [inbox(), webWidget] }));
			assert.deepEqual(
				plan.problems.map((p) => p.split(':')[0]),
				[
					'department sales, Messenger inbox "Northwind"',
					'department sales, Instagram inbox "Northwind"',
				],
			);
			assert.match(plan.problems[0] ?? '', /Add Inbox › Messenger, then log in to Meta/);
		});

		it('should stop when two inboxes of the channel carry the name', () => {
			const plan = planChatwootConfig(
				social(),
				matchingState({ inboxes: [inbox(), page, { ...page, id: 10 }, account] }),
			);
			assert.deepEqual(plan.problems.length, 1);
			assert.match(plan.problems[0] ?? '', /2 Messenger inboxes have this name \(ids 8, 10\)/);
		});
	});

	it('should stop when two agent bots carry the name', () => {
		const plan = planChatwootConfig(
			config(),
			matchingState({ agentBots: [bot(), bot({ id: 9 })] }),
		);
		assert.match(plan.problems[0] ?? '', /^2 agent bots are named "Triage" \(ids 3, 9\)/);
	});
});
