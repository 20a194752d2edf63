// Messages without text end to end: a WhatsApp photo or location alone goes Chatwoot (simulator) →
// gateway → n8n → Claude (simulator) as a description of what was sent, and ends answered or handed
// to a person, once. Before, triage refused an empty list and the batch was retried, then lost.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import type { LoggedRequest } from '../../simulators/src/common/request-log.ts';
import { startE2eStack, type E2eStack } from './stack.ts';
import {
	agentView,
	claimResults,
	conversationView,
	decisionsFor,
	eventually,
	newCustomer,
	setDepartmentHours,
	type Sent,
} from './inbound-support.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;
const BLOB = 'https://chat.example.com/rails/active_storage/blobs/redirect/eyJfcmFpbHMi--f00';

describe('attachments end to end', () => {
	let e2e: E2eStack;

	before(async () => {
		e2e = await startE2eStack();
		await setDepartmentHours(e2e, 'sales', 'always');
	});
	after(() => e2e?.stop());

	/** A WhatsApp message with this attachment and no text, as Chatwoot takes it in from Meta. */
	const customerSends = async (attachment: Record<string, unknown>): Promise<Sent> => {
		const res = await fetch(`${e2e.chatwoot.url}/__sim/incoming`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				to_number: SALES,
				from: newCustomer(),
				name: 'Test Customer',
				content: null,
				attachments: [attachment],
			}),
		});
		assert.equal(res.status, 200, await res.clone().text());
		const body = (await res.json()) as { conversation_id: number; message_id: number };
		return { conversationId: body.conversation_id, messageId: body.message_id };
	};

	/** Waits for a reply or a hand-off, then for the triage claim; says which it was. */
	const handled = async (conversationId: number) => {
		await eventually(`a reply or a hand-off in ${conversationId}`, async () => {
			const view = await conversationView(agentView(e2e.chatwoot), conversationId);
			const handedOff = view.status === 'open' && view.notes.length > 0;
			return view.replies.length > 0 || handedOff ? view : undefined;
		});
		await eventually(`the triage claim of ${conversationId}`, async () => {
			const claims = await claimResults(e2e.pool, conversationId);
			return claims.every((c) => c.state === 'done') ? claims : undefined;
		});
		return conversationView(agentView(e2e.chatwoot), conversationId);
	};

	const claudeReadFor = async (text: string) => {
		const res = await fetch(`${e2e.anthropic.url}/__sim/requests?path=%2Fv1%2Fmessages`);
		const requests = (await res.json()) as LoggedRequest[];
		return requests.filter((r) => JSON.stringify(r.body).includes(text));
	};

	const assertOnce = async (conversationId: number) => {
		const view = await handled(conversationId);
		// A triaged hand-off's note comes with the handoff template's acknowledgement.
		assert.ok(
			view.replies.length <= 1 &&
				view.notes.length <= 1 &&
				view.replies.length + view.notes.length > 0,
			`one reply, one note, or a note and its acknowledgement: ${JSON.stringify(view)}`,
		);
		const decisions = await decisionsFor(e2e.pool, conversationId);
		assert.equal(decisions.length, 1);
		// The gateway marks its row done when n8n's answer comes back, which in queue mode can be a
		// moment after the worker has replied and completed the claim.
		const statuses = await eventually(`the ledger row of ${conversationId} done`, async () => {
			const { rows } = await e2e.pool.query<{ status: string }>(
				'select status from sb_inbound_events where conversation_id = $1',
				[conversationId],
			);
			const found = rows.map((row) => row.status);
			return found.every((status) => status === 'done') ? found : undefined;
		});
		assert.deepEqual(statuses, ['done']);
	};

	it('should answer or hand off a photo sent without text, once, Claude reading what it is', async () => {
		const { conversationId } = await customerSends({
			file_type: 'image',
			url: `${BLOB}/router-lights.jpg`,
			content_type: 'image/jpeg',
			file_size: 183_422,
			width: 1080,
			height: 1440,
		});
		await assertOnce(conversationId);
		const [request, ...more] = await claudeReadFor(
			'[The customer sent a photo (router-lights.jpg, 1080×1440, 179 KB)]',
		);
		assert.ok(request, 'Claude was given a description of the photo');
		assert.equal(more.length, 0);
		assert.doesNotMatch(JSON.stringify(request.body), /active_storage|eyJfcmFpbHMi/);
	});

	it('should answer or hand off a location sent without text, once', async () => {
		const { conversationId } = await customerSends({
			file_type: 'location',
			url: 'https://maps.google.com/?q=40.4168,-3.7038',
		});
		await assertOnce(conversationId);
		assert.equal((await claudeReadFor('[The customer shared a location')).length, 1);
	});
});
