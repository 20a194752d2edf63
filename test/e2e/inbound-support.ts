// What the inbound end-to-end tests do as a customer and check as an agent would see it.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { createChatwootClient, type ChatwootClient } from '@switchboard/glue/chatwoot';
import { wallClock, WEEKDAYS } from '@switchboard/glue/common';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_USER_TOKEN,
} from '../../simulators/src/chatwoot/index.ts';
import { signChatwootWebhook } from '../../simulators/src/chatwoot/signature.ts';
import type { RunningServer } from '../../simulators/src/common/listen.ts';

let nextCustomer = 0;

/** A phone number no other test uses, so each test gets its own conversation. */
export function newCustomer(): string {
	nextCustomer += 1;
	return `+1617555${String(process.pid % 100).padStart(2, '0')}${String(nextCustomer).padStart(2, '0')}`;
}

export interface Sent {
	conversationId: number;
	messageId: number;
}

/** A customer's WhatsApp message, as Chatwoot takes it in from Meta. */
export async function customerWrites(
	chatwoot: RunningServer,
	input: { to: string; from: string; content: string; name?: string },
): Promise<Sent> {
	const res = await fetch(`${chatwoot.url}/__sim/incoming`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			to_number: input.to,
			from: input.from,
			name: input.name ?? 'Test Customer',
			content: input.content,
		}),
	});
	if (!res.ok) throw new Error(`simulator refused the message: ${res.status} ${await res.text()}`);
	const body = (await res.json()) as { conversation_id: number; message_id: number };
	return { conversationId: body.conversation_id, messageId: body.message_id };
}

export function agentView(chatwoot: RunningServer): ChatwootClient {
	return createChatwootClient({
		baseUrl: chatwoot.url,
		accessToken: CHATWOOT_SIM_USER_TOKEN,
		accountId: CHATWOOT_SIM_ACCOUNT_ID,
	});
}

/** Polls until `check` returns a value (not undefined), or fails naming what it waited for. */
export async function eventually<T>(
	what: string,
	check: () => Promise<T | undefined>,
	timeoutMs = 90_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			last = error;
		}
		await sleep(300);
	}
	throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export interface DecisionRow {
	id: number;
	conversation_id: number;
	department: string;
	outcome: string;
	language: string;
	input_tokens: number;
	output_tokens: number;
	cost_usd: string | null;
	model: string;
	triage: { source: string };
}

export async function decisionsFor(pool: pg.Pool, conversationId: number): Promise<DecisionRow[]> {
	const { rows } = await pool.query<DecisionRow>(
		'select * from sb_ai_decisions where conversation_id = $1 order by id',
		[conversationId],
	);
	return rows;
}

/** Messages the bot or an agent sent (outgoing), and private notes, in order. */
export async function conversationView(chatwoot: ChatwootClient, conversationId: number) {
	const [conversation, list, labels] = await Promise.all([
		chatwoot.conversations.get(conversationId),
		chatwoot.messages.list(conversationId),
		chatwoot.conversations.listLabels(conversationId),
	]);
	const messages = list.payload;
	return {
		status: conversation.status,
		teamId: conversation.meta?.team?.id ?? null,
		labels,
		replies: messages.filter((m) => m.message_type === 1 && !m.private).map((m) => m.content ?? ''),
		notes: messages.filter((m) => m.private).map((m) => m.content ?? ''),
	};
}

/**
 * Sets a department's hours in Directus: `always` open (00:00–23:59 every day), or open only
 * 09:00–17:00 on the weekday three days from now (business time), so it is closed now.
 */
export async function setDepartmentHours(
	e2e: { directusUrl: string; stack: { directus: { adminToken: string } } },
	key: string,
	hours: 'always' | 'in-three-days',
): Promise<void> {
	const headers = {
		authorization: `Bearer ${e2e.stack.directus.adminToken}`,
		'content-type': 'application/json',
	};
	const { weekday } = wallClock(Date.now() + 3 * 86_400_000, 'America/New_York');
	const opening_hours =
		hours === 'always'
			? Object.fromEntries(WEEKDAYS.map((d) => [d, [{ open: '00:00', close: '23:59' }]]))
			: { [weekday]: [{ open: '09:00', close: '17:00' }] };
	const res = await fetch(`${e2e.directusUrl}/items/departments/${key}`, {
		method: 'PATCH',
		headers,
		body: JSON.stringify({ opening_hours }),
	});
	if (!res.ok) throw new Error(`could not set ${key}'s hours: ${res.status} ${await res.text()}`);
}

/** What workflow 01 recorded on each of the conversation's inbound events (its triage claims). */
export async function claimResults(
	pool: pg.Pool,
	conversationId: number,
): Promise<Array<{ state: string | null; result: string | null }>> {
	const { rows } = await pool.query<{ state: string | null; result: string | null }>(
		`select c.state, c.result from sb_inbound_events e
		 left join sb_inbound_claims c on c.inbound_event_id = e.id
		 where e.conversation_id = $1 and e.status <> 'dropped' order by e.id`,
		[conversationId],
	);
	return rows;
}

/** Posts a Chatwoot agent-bot webhook to the gateway, signed as Chatwoot signs it. */
export async function postSignedWebhook(
	gatewayUrl: string,
	secret: string,
	payload: Record<string, unknown>,
): Promise<Response> {
	const body = JSON.stringify(payload);
	const timestamp = String(Math.floor(Date.now() / 1000));
	return await fetch(`${gatewayUrl}/webhooks/chatwoot`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-chatwoot-timestamp': timestamp,
			'x-chatwoot-signature': signChatwootWebhook(secret, timestamp, body),
			'x-chatwoot-delivery': randomUUID(),
		},
		body,
	});
}
