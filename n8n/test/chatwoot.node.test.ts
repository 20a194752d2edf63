import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_TEAMS,
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
} from '../../simulators/src/chatwoot/index.ts';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import { createChatwootClient } from '@switchboard/glue/chatwoot';
import { loadPackage, runNodes, type TestNode } from './harness.ts';

describe('Chatwoot node', () => {
	let server: RunningServer;
	before(async () => {
		server = await listen(createChatwootSimulator({ simulateWhatsappSend: false }).app);
	});
	after(() => server.close());
	beforeEach(async () => {
		await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
	});

	const botCredentials = (token = CHATWOOT_SIM_BOT_TOKEN) => ({
		switchboardChatwootApi: { url: server.url, accessToken: token, accountId: 1 },
	});
	const admin = () =>
		createChatwootClient({
			baseUrl: server.url,
			accessToken: CHATWOOT_SIM_USER_TOKEN,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
		});
	const customerWrites = async (content: string, inboxId = 1) => {
		const res = await fetch(`${server.url}/__sim/incoming`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				inbox_id: inboxId,
				from: `+52155${Date.now() % 10_000_000}`,
				content,
			}),
		});
		return ((await res.json()) as { conversation_id: number }).conversation_id;
	};
	const chatwootNode = (parameters: TestNode['parameters'], continueOnFail = false): TestNode => ({
		name: 'Chatwoot',
		type: 'chatwoot',
		parameters,
		credentials: { switchboardChatwootApi: 'cw' },
		continueOnFail,
	});

	describe('message: reply', () => {
		it('should send each item its own reply as the bot, paired with its item', async () => {
			const first = await customerWrites('Hi', 1);
			const second = await customerWrites('Hola', 2);
			const result = await runNodes({
				nodes: [
					chatwootNode({
						resource: 'message',
						operation: 'reply',
						conversationId: '={{ $json.conversationId }}',
						text: '={{ $json.reply }}',
					}),
				],
				input: [
					{ conversationId: first, reply: 'Hello! How can I help?' },
					{ conversationId: second, reply: '¡Hola! ¿En qué te ayudo?' },
				],
				credentials: botCredentials(),
			});
			assert.equal(result.error, undefined);
			const output = result.output('Chatwoot');
			assert.deepEqual(
				output.map((item) => [
					(item.json.chatwoot as IDataObject).conversationId,
					item.json.reply,
					item.pairedItem,
				]),
				[
					[first, 'Hello! How can I help?', { item: 0 }],
					[second, '¡Hola! ¿En qué te ayudo?', { item: 1 }],
				],
			);
			const reply = (await admin().messages.list(second)).payload.at(-1);
			assert.equal(reply?.content, '¡Hola! ¿En qué te ayudo?');
			assert.equal(reply?.sender?.type, 'agent_bot');
			assert.equal(reply?.private, false);
		});

		it('should not reply twice to the same customer message when a run is repeated', async () => {
			const conversationId = await customerWrites('Do you deliver on Sundays?');
			const [question] = (await admin().messages.list(conversationId)).payload;
			const run = (text: string) =>
				runNodes({
					nodes: [
						chatwootNode({
							resource: 'message',
							operation: 'reply',
							conversationId,
							text,
							answeringMessageId: question!.id,
						}),
					],
					input: [{}],
					credentials: botCredentials(),
				});
			const first = await run('Yes, from 10:00 to 14:00.');
			const again = await run('Yes, on Sunday mornings.');
			const sent = first.output('Chatwoot')[0]!.json.chatwoot as IDataObject;
			assert.deepEqual(again.output('Chatwoot')[0]!.json.chatwoot, { ...sent, sent: false });
			const replies = (await admin().messages.list(conversationId)).payload.filter(
				(m) => m.message_type === 1,
			);
			assert.deepEqual(
				replies.map((m) => m.content),
				['Yes, from 10:00 to 14:00.'],
			);
		});

		it('should refuse an empty reply and send nothing', async () => {
			const conversationId = await customerWrites('Hi');
			const result = await runNodes({
				nodes: [
					chatwootNode({ resource: 'message', operation: 'reply', conversationId, text: '  ' }),
				],
				input: [{}],
				credentials: botCredentials(),
			});
			assert.match(String(result.error?.message), /reply is empty/);
			assert.equal(result.error?.name, 'NodeOperationError');
			const messages = (await admin().messages.list(conversationId)).payload;
			assert.equal(messages.filter((m) => m.message_type === 1).length, 0);
		});
	});

	describe('conversation: handOff', () => {
		it('should leave no second note when a stopped hand-off runs again', async () => {
			const conversationId = await customerWrites('My invoice is wrong');
			const [question] = (await admin().messages.list(conversationId)).payload;
			// The first run wrote its note and stopped before the rest.
			await createChatwootClient({
				baseUrl: server.url,
				accessToken: CHATWOOT_SIM_BOT_TOKEN,
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
			}).messages.createPrivateNote(conversationId, 'Summary: invoice dispute');
			const result = await runNodes({
				nodes: [
					chatwootNode({
						resource: 'conversation',
						operation: 'handOff',
						conversationId,
						note: 'Summary: the invoice is wrong',
						teamId: CHATWOOT_SIM_TEAMS.billing.id,
						answeringMessageId: question!.id,
					}),
				],
				input: [{}],
				credentials: botCredentials(),
			});
			assert.equal(result.error, undefined);
			const handoff = result.output('Chatwoot')[0]?.json.chatwoot as IDataObject;
			assert.deepEqual([handoff.notePosted, handoff.status], [false, 'open']);
			const notes = (await admin().messages.list(conversationId)).payload.filter((m) => m.private);
			assert.deepEqual(
				notes.map((m) => m.content),
				['Summary: invoice dispute'],
			);
		});

		it('should leave the note, add labels, assign the team and open the conversation', async () => {
			const conversationId = await customerWrites('My invoice is wrong');
			const result = await runNodes({
				nodes: [
					chatwootNode({
						resource: 'conversation',
						operation: 'handOff',
						conversationId,
						note: 'Summary: invoice dispute',
						// A list from an expression, as workflow 01 passes its plan's labels.
						labels: '={{ ["Billing", "urgency_high"] }}',
						teamId: CHATWOOT_SIM_TEAMS.billing.id,
						priority: 'high',
						options: { resultField: 'handoff' },
					}),
				],
				input: [{}],
				credentials: botCredentials(),
			});
			assert.equal(result.error, undefined);
			const conversation = await admin().conversations.get(conversationId);
			assert.equal(conversation.status, 'open');
			assert.equal(conversation.meta.team?.id, CHATWOOT_SIM_TEAMS.billing.id);
			assert.deepEqual([...conversation.labels].sort(), ['billing', 'urgency_high']);
			const [item] = result.output('Chatwoot');
			assert.equal((item?.json.handoff as IDataObject).status, 'open');
			assert.deepEqual((item?.json.handoff as IDataObject).labels, ['billing', 'urgency_high']);
		});
	});

	describe('conversation: get', () => {
		const get = (conversationId: number) =>
			runNodes({
				nodes: [
					chatwootNode({
						resource: 'conversation',
						operation: 'get',
						conversationId,
						simplify: true,
						options: { resultField: 'conversation' },
					}),
				],
				input: [{ batch: { conversationId } }],
				credentials: botCredentials(),
			});

		it('should say the bot owns a new pending conversation, and keep the item', async () => {
			const conversationId = await customerWrites('Hola');
			const result = await get(conversationId);
			assert.equal(result.error, undefined);
			const [item] = result.output('Chatwoot');
			assert.deepEqual(item?.json.batch, { conversationId });
			const conversation = item?.json.conversation as IDataObject;
			assert.equal(conversation.status, 'pending');
			assert.equal(conversation.botOwns, true);
		});

		it('should say the bot no longer owns it once an agent assigned himself', async () => {
			const conversationId = await customerWrites('Hola');
			await admin().conversations.assignAgent(conversationId, CHATWOOT_SIM_AGENTS.sales.id);
			const conversation = (await get(conversationId)).output('Chatwoot')[0]?.json
				.conversation as IDataObject;
			assert.deepEqual(
				[conversation.status, conversation.assigneeType, conversation.botOwns],
				['pending', 'user', false],
			);
		});
	});

	describe('conversation: get, after a failed bot delivery', () => {
		const getOwner = async (conversationId: number, answeringMessageId: number) =>
			(
				(
					await runNodes({
						nodes: [
							chatwootNode({
								resource: 'conversation',
								operation: 'get',
								conversationId,
								simplify: true,
								answeringMessageId,
								options: { resultField: 'conversation' },
							}),
						],
						input: [{}],
						credentials: botCredentials(),
					})
				).output('Chatwoot')[0]?.json.conversation as IDataObject
			).owner;

		it('should route a conversation Chatwoot opened until someone writes in it', async () => {
			await admin().agentBots.update(CHATWOOT_SIM_BOT_ID, {
				outgoing_url: 'http://127.0.0.1:9/nowhere',
			});
			const res = await fetch(`${server.url}/__sim/incoming`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ inbox_id: 1, from: '+5215511112222', content: 'Hola' }),
			});
			const written = (await res.json()) as { conversation_id: number; message_id: number };
			const conversationId = written.conversation_id;
			for (let tries = 0; (await admin().conversations.get(conversationId)).status !== 'open'; ) {
				assert.ok((tries += 1) < 200, "Chatwoot's failure path opens it");
				await new Promise((resolve) => setTimeout(resolve, 25));
			}
			assert.equal(await getOwner(conversationId, written.message_id), 'after_bot_failure');
			assert.equal(await getOwner(conversationId, 0), 'person', 'without the message: a person');
			await admin().messages.create(conversationId, { content: 'Hola, te ayudo' });
			assert.equal(await getOwner(conversationId, written.message_id), 'person');
		});
	});

	describe('conversation: setCustomAttributes', () => {
		it('should merge the new attributes into the existing ones', async () => {
			const conversationId = await customerWrites('Hi');
			await admin().conversations.setCustomAttributes(conversationId, { plan: 'fibre_500' });
			await runNodes({
				nodes: [
					chatwootNode({
						resource: 'conversation',
						operation: 'setCustomAttributes',
						conversationId,
						attributes: { attribute: [{ key: 'department', value: 'sales' }] },
					}),
				],
				input: [{}],
				credentials: botCredentials(),
			});
			const conversation = await admin().conversations.get(conversationId);
			assert.deepEqual(conversation.custom_attributes, { plan: 'fibre_500', department: 'sales' });
		});
	});

	describe('errors', () => {
		it('should stop with a NodeApiError carrying the HTTP status when Chatwoot refuses', async () => {
			const result = await runNodes({
				nodes: [
					chatwootNode({
						resource: 'conversation',
						operation: 'get',
						conversationId: 9999,
						simplify: true,
					}),
				],
				input: [{}],
				credentials: botCredentials(),
			});
			assert.equal(result.error?.name, 'NodeApiError');
			assert.equal((result.error as Error & { httpCode?: string }).httpCode, '404');
		});

		it('should turn each failing item into an error item under continueOnFail and go on', async () => {
			const conversationId = await customerWrites('Hi');
			const result = await runNodes({
				nodes: [
					chatwootNode(
						{
							resource: 'conversation',
							operation: 'get',
							conversationId: '={{ $json.id }}',
							simplify: true,
						},
						true,
					),
				],
				input: [{ id: 9999 }, { id: conversationId }],
				credentials: botCredentials(),
			});
			assert.equal(result.error, undefined);
			const [failed, found] = result.output('Chatwoot');
			assert.match(String(failed?.json.error), /404|could not be found/i);
			assert.deepEqual(failed?.pairedItem, { item: 0 });
			assert.equal((found?.json.chatwoot as IDataObject).conversationId, conversationId);
			assert.deepEqual(found?.pairedItem, { item: 1 });
		});

		it('should name the unknown operation', async () => {
			const result = await runNodes({
				nodes: [chatwootNode({ resource: 'conversation', operation: 'explode' })],
				input: [{}],
				credentials: botCredentials(),
			});
			assert.match(String(result.error?.message), /no operation "explode"/);
		});
	});

	describe('credential test', () => {
		const test = async (accessToken: string, url = server.url) => {
			const { nodeTypes } = await loadPackage();
			const node = nodeTypes.getByName('n8n-nodes-switchboard.chatwoot') as {
				methods: {
					credentialTest: Record<
						string,
						(credential: unknown) => Promise<{ status: string; message: string }>
					>;
				};
			};
			return node.methods.credentialTest.switchboardChatwootApiTest!({
				id: 'cw',
				name: 'cw',
				type: 'switchboardChatwootApi',
				data: { url, accessToken, accountId: 1 },
			});
		};
		it('should pass with the bot token', async () => {
			assert.deepEqual(await test(CHATWOOT_SIM_BOT_TOKEN), {
				status: 'OK',
				message: 'Connection successful',
			});
		});
		it("should fail with Chatwoot's words for a wrong token", async () => {
			const result = await test('not-a-token');
			assert.equal(result.status, 'Error');
			assert.match(result.message, /Invalid Access Token/);
		});
	});
});
