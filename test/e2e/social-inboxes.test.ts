// Messenger and Instagram end to end on the real stack: a customer known only by Meta's page-scoped
// id (no phone number) writes to the business's Facebook page or Instagram account in Chatwoot
// (simulator); the gateway, n8n's workflows 01 and 03, Directus and the Postgres log treat the
// conversation as they treat WhatsApp, routed by the inbox it came to.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_SOCIAL_INBOXES,
	CHATWOOT_SIM_TEAMS,
} from '../../simulators/src/chatwoot/index.ts';
import {
	agentView,
	conversationView,
	decisionsFor,
	eventually,
	setDepartmentHours,
	type Sent,
} from './inbound-support.ts';
import { listExecutions, startE2eStack, type E2eStack } from './stack.ts';

interface Channel {
	label: string;
	inbox: (typeof CHATWOOT_SIM_SOCIAL_INBOXES)[keyof typeof CHATWOOT_SIM_SOCIAL_INBOXES];
	chatwootChannel: string;
	/** A question the department's FAQ answers, and a word the answer must contain. */
	question: string;
	answer: RegExp;
	departmentName: string;
}

const CHANNELS: Channel[] = [
	{
		label: 'Messenger',
		inbox: CHATWOOT_SIM_SOCIAL_INBOXES.messenger,
		chatwootChannel: 'Channel::FacebookPage',
		question: 'My Wi-Fi is slow in some rooms of my home. Where should the router go?',
		answer: /walls|mesh|middle of the home/i,
		departmentName: 'Support',
	},
	{
		label: 'Instagram',
		inbox: CHATWOOT_SIM_SOCIAL_INBOXES.instagram,
		chatwootChannel: 'Channel::Instagram',
		question: 'How long does installation take?',
		answer: /5 business days/,
		departmentName: 'Sales',
	},
];

let nextSender = 0;
/** A page-scoped id (PSID or IGSID) no other test uses: each test gets its own conversation. */
function newSender(): string {
	nextSender += 1;
	return `2487${String(process.pid % 100_000).padStart(5, '0')}${String(nextSender).padStart(8, '0')}`;
}

describe('Messenger and Instagram end to end', () => {
	let e2e: E2eStack;
	const agent = () => agentView(e2e.chatwoot);

	/** The customer writes to the page or account; only Meta's id for them is known. */
	const customerWrites = async (
		channel: Channel,
		input: { senderId: string; content: string; name?: string; username?: string },
	): Promise<Sent> => {
		const res = await fetch(`${e2e.chatwoot.url}/__sim/incoming`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				inbox_id: channel.inbox.id,
				sender_id: input.senderId,
				name: input.name ?? 'Sam Social',
				username: input.username,
				content: input.content,
			}),
		});
		if (!res.ok)
			throw new Error(`simulator refused the message: ${res.status} ${await res.text()}`);
		const body = (await res.json()) as { conversation_id: number; message_id: number };
		return { conversationId: body.conversation_id, messageId: body.message_id };
	};
	/** Every delivery answered and every batch handled: nothing is still on its way. */
	const settled = async () => {
		await fetch(`${e2e.chatwoot.url}/__sim/flush`, { method: 'POST' });
		await eventually('the ledger to drain', async () => {
			const { rows } = await e2e.pool.query(
				"select count(*)::int as n from sb_inbound_events where status in ('pending', 'forwarding')",
			);
			return rows[0].n === 0 ? true : undefined;
		});
	};
	/** The inbox and channel of the customer message a decision was made on, as the ledger has it. */
	const decidedOn = async (decisionId: number) => {
		const { rows } = await e2e.pool.query<{ inbox_id: number; channel: string | null }>(
			`select e.inbox_id::int as inbox_id, e.payload->'conversation'->>'channel' as channel
			 from sb_ai_decisions d join sb_inbound_events e on e.id = d.inbound_event_id
			 where d.id = $1`,
			[decisionId],
		);
		return rows[0];
	};
	const leadOf = (conversationId: number) =>
		eventually('the lead', async () => {
			const res = await fetch(
				`${e2e.directusUrl}/items/leads?filter[chatwoot_conversation_id][_eq]=${conversationId}`,
				{ headers: { authorization: `Bearer ${e2e.stack.directus.adminToken}` } },
			);
			const body = (await res.json()) as { data: Array<Record<string, unknown>> };
			return body.data[0];
		});

	before(async () => {
		e2e = await startE2eStack();
		// Known hours, whatever the day and time the tests run.
		await setDepartmentHours(e2e, 'sales', 'always');
		await setDepartmentHours(e2e, 'support', 'always');
	});
	after(() => e2e?.stop());

	for (const channel of CHANNELS) {
		const department = channel.inbox.department;
		describe(channel.label, () => {
			it(`should answer a question from the FAQ once, as the bot, routed to ${channel.departmentName} by the inbox`, async () => {
				const sent = await customerWrites(channel, {
					senderId: newSender(),
					name: 'Rae Reader',
					username: channel.label === 'Instagram' ? 'rae.reads' : undefined,
					content: channel.question,
				});
				const view = await eventually(`the bot's reply in ${sent.conversationId}`, async () => {
					const current = await conversationView(agent(), sent.conversationId);
					return current.replies.length > 0 ? current : undefined;
				});
				assert.match(view.replies[0]!, channel.answer);
				assert.equal(view.status, 'pending', 'the bot keeps the conversation');
				await settled();
				await sleep(1500);
				const messages = (await agent().messages.list(sent.conversationId)).payload;
				const replies = messages.filter((m) => m.message_type === 1 && !m.private);
				assert.deepEqual(
					replies.map((m) => [m.sender?.type, m.sender?.id]),
					[['agent_bot', CHATWOOT_SIM_BOT_ID]],
					'one reply, from the bot',
				);

				const decisions = await decisionsFor(e2e.pool, sent.conversationId);
				assert.equal(decisions.length, 1);
				assert.equal(decisions[0]!.outcome, 'auto_replied');
				assert.equal(decisions[0]!.department, department);
				assert.deepEqual(await decidedOn(decisions[0]!.id), {
					inbox_id: channel.inbox.id,
					channel: channel.chatwootChannel,
				});

				// Workflow 03: a lead with no phone number and none of our WhatsApp numbers.
				const lead = await leadOf(sent.conversationId);
				assert.deepEqual(
					[lead.department, lead.contact_name, lead.contact_phone, lead.receiving_number],
					[department, 'Rae Reader', null, null],
				);
				assert.equal(lead.first_message, channel.question);
			});

			it('should hand off a message it cannot answer: note, labels, the department team, open', async () => {
				const sent = await customerWrites(channel, {
					senderId: newSender(),
					content: 'My neighbour says the quokka migration affects dishwashers, thoughts?',
				});
				const view = await eventually(`the hand-off of ${sent.conversationId}`, async () => {
					const current = await conversationView(agent(), sent.conversationId);
					return current.status === 'open' && current.notes.length > 0 ? current : undefined;
				});
				await settled();
				const final = await conversationView(agent(), sent.conversationId);
				assert.equal(final.replies.length, 1, 'the acknowledgement (handoff template)');
				assert.match(final.replies[0]!, /a person will reply here shortly\.$/);
				assert.equal(final.notes.length, 1);
				assert.match(view.notes[0]!, /Handed off by Switchboard/);
				assert.match(
					view.notes[0]!,
					new RegExp(`Confidence .* below ${channel.departmentName}'s threshold`),
				);
				assert.equal(final.teamId, CHATWOOT_SIM_TEAMS[department].id);
				assert.ok(
					final.labels.includes(`dept-${department}`),
					`labels: ${final.labels.join(', ')}`,
				);
				assert.ok(final.labels.some((l) => l.startsWith('urgency-')));
				assert.ok(final.labels.some((l) => l.startsWith('intent-')));

				const decisions = await decisionsFor(e2e.pool, sent.conversationId);
				assert.equal(decisions.length, 1);
				assert.equal(decisions[0]!.outcome, 'handed_off');
				assert.equal(decisions[0]!.department, department);
				assert.deepEqual(await decidedOn(decisions[0]!.id), {
					inbox_id: channel.inbox.id,
					channel: channel.chatwootChannel,
				});
			});
		});
	}

	it('should leave no n8n execution in error', async () => {
		await settled();
		const failed = await listExecutions(e2e, { status: 'error', includeData: 'true' });
		assert.deepEqual(
			failed.map((run) => `${run.startedAt} ${run.data?.resultData?.error?.message ?? '?'}`),
			[],
		);
	});
});
