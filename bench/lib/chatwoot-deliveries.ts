// Signed agent-bot deliveries as Chatwoot sends them: message_created for a customer's WhatsApp
// message in a pending conversation (reference/chatwoot.md §2), each a distinct message in its own
// conversation, so the gateway's debounce never merges two of them and every one is a ledger row.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { signChatwootWebhook } from '../../simulators/src/chatwoot/signature.ts';
import type { PreparedRequest } from './http-load.ts';

const EXAMPLE = new URL(
	'../../simulators/src/chatwoot/examples/message_created.incoming_whatsapp.json',
	import.meta.url,
);

interface ExamplePayload {
	id: number;
	content: string;
	created_at: string;
	source_id: string;
	sender: { id: number; phone_number: string };
	conversation: {
		id: number;
		status: string;
		contact_inbox: { contact_id: number; source_id: string };
		messages: Array<{ id: number; conversation_id: number; content: string; sender_id: number }>;
		meta: { sender: { id: number; phone_number: string } };
	};
}

export interface DeliveryFactory {
	/** The next delivery: a new message id, conversation, contact and delivery id, signed now. */
	next(): PreparedRequest;
}

/**
 * `firstId` keeps ids apart between factories that write to the same ledger (the dedupe key is
 * account + message id, and delivery ids are UUIDs).
 */
export function chatwootDeliveries(secret: string, firstId: number): DeliveryFactory {
	const template = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as ExamplePayload;
	let built = 0;
	return {
		next() {
			const n = firstId + built;
			built += 1;
			const phone = `+1555${String(n).padStart(7, '0')}`;
			const payload = structuredClone(template);
			const content = `Hello, a question about order ${n}`;
			payload.id = n;
			payload.content = content;
			payload.created_at = new Date().toISOString();
			payload.source_id = `wamid.bench${n}`;
			payload.sender.id = n;
			payload.sender.phone_number = phone;
			const conversation = payload.conversation;
			conversation.id = n;
			conversation.status = 'pending';
			conversation.contact_inbox.contact_id = n;
			conversation.contact_inbox.source_id = phone.slice(1);
			conversation.meta.sender.id = n;
			conversation.meta.sender.phone_number = phone;
			for (const message of conversation.messages) {
				message.id = n;
				message.conversation_id = n;
				message.content = content;
				message.sender_id = n;
			}
			const body = JSON.stringify(payload);
			const timestamp = Math.floor(Date.now() / 1000);
			return {
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'x-chatwoot-timestamp': String(timestamp),
					'x-chatwoot-signature': signChatwootWebhook(secret, timestamp, body),
					'x-chatwoot-delivery': randomUUID(),
				},
				body: Buffer.from(body, 'utf8'),
			};
		},
	};
}
