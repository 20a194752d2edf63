import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CHATWOOT_SIM_INBOXES, CHATWOOT_SIM_WHATSAPP_VERIFY_TOKEN } from './constants.ts';
import { resetSim, startHarness, type Harness } from './test-support.ts';

const sales = CHATWOOT_SIM_INBOXES.sales;

type MetaBody = {
	entry: {
		changes: { value: { metadata: Record<string, string>; messages: Record<string, unknown>[] } }[];
	}[];
};

/** The reference Meta payload, addressed to the Sales number. */
function metaPayload(
	messages?: Record<string, unknown>[],
	phoneNumberId: string = sales.phoneNumberId,
) {
	const url = new URL('./examples/meta_whatsapp_cloud_inbound.json', import.meta.url);
	const body = JSON.parse(readFileSync(url, 'utf8')) as MetaBody;
	const value = body.entry[0]?.changes[0]?.value;
	assert.ok(value);
	value.metadata = {
		display_phone_number: sales.phoneNumber.slice(1),
		phone_number_id: phoneNumberId,
	};
	if (messages) value.messages = messages;
	return body;
}

describe('chatwoot simulator WhatsApp Cloud webhook', () => {
	let h: Harness;
	const secret = 'meta-app-secret';

	before(async () => {
		h = await startHarness({ simulateWhatsappSend: false, whatsappAppSecret: secret });
	});
	after(() => h.close());
	beforeEach(() => resetSim(h));

	const post = async (body: unknown, sign = true) => {
		const raw = JSON.stringify(body);
		const signature = createHmac('sha256', secret).update(raw).digest('hex');
		const res = await fetch(
			`${h.server.url}/webhooks/whatsapp/${encodeURIComponent(sales.phoneNumber)}`,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(sign ? { 'x-hub-signature-256': `sha256=${signature}` } : {}),
				},
				body: raw,
			},
		);
		await h.sim.webhooks.idle();
		return res;
	};
	const conversations = async () => (await h.admin.conversations.list({ status: 'all' })).payload;

	it('should answer the challenge for the right verify token and 401 otherwise', async () => {
		const base = `${h.server.url}/webhooks/whatsapp/${encodeURIComponent(sales.phoneNumber)}?hub.mode=subscribe&hub.challenge=42`;
		const ok = await fetch(`${base}&hub.verify_token=${CHATWOOT_SIM_WHATSAPP_VERIFY_TOKEN}`);
		assert.equal(await ok.text(), '42');
		const wrong = await fetch(`${base}&hub.verify_token=nope`);
		assert.equal(wrong.status, 401);
		assert.deepEqual(await wrong.json(), { error: 'Error; wrong verify token' });
	});

	it('should turn a signed Meta message into a conversation in the matching inbox', async () => {
		const res = await post(metaPayload());
		assert.equal(res.status, 200);
		const [conversation] = await conversations();
		assert.equal(conversation?.inbox_id, sales.id);
		assert.equal(conversation?.meta.sender.name, 'Maria Lopez');
		assert.equal(conversation?.messages[0]?.content, 'Hola, necesito ayuda con mi pedido 1234');
		assert.match(conversation?.messages[0]?.source_id ?? '', /^wamid\./);
	});

	it('should refuse an unsigned post with an empty 401', async () => {
		const res = await post(metaPayload(), false);
		assert.equal(res.status, 401);
		assert.equal(await res.text(), '');
		assert.deepEqual(await conversations(), []);
	});

	it('should drop a payload whose phone_number_id does not match, after answering 200', async () => {
		const res = await post(metaPayload(undefined, '999'));
		assert.equal(res.status, 200);
		assert.deepEqual(await conversations(), []);
	});

	it('should file a username-only sender (no number, only a BSUID) under that id', async () => {
		const body = metaPayload([
			{
				from_user_id: 'US.13491208655302741918',
				id: 'wamid.U1',
				type: 'text',
				text: { body: 'hi' },
			},
		]);
		const value = body.entry[0]!.changes[0]!.value as Record<string, unknown>;
		value.contacts = [
			{ profile: { name: 'Kerry', username: 'kfisher' }, user_id: 'US.13491208655302741918' },
		];
		assert.equal((await post(body)).status, 200);
		const [conversation] = await conversations();
		assert.equal(conversation?.meta.sender.name, 'Kerry');
		assert.equal(conversation?.meta.sender.phone_number, null);
		assert.equal(conversation?.messages[0]?.content, 'hi');
	});

	it('should process only the first message, skip reactions and ignore a repeated wamid', async () => {
		const text = (id: string, body: string) => ({
			from: '5215512345678',
			id,
			type: 'text',
			text: { body },
		});
		await post(metaPayload([text('wamid.1', 'primero'), text('wamid.2', 'segundo')]));
		await post(metaPayload([text('wamid.1', 'primero')]));
		await post(
			metaPayload([{ from: '5215512345678', id: 'wamid.3', type: 'reaction', reaction: {} }]),
		);
		const [conversation] = await conversations();
		const { payload } = await h.admin.messages.list(conversation?.id ?? 0);
		assert.deepEqual(
			payload.map((m) => m.content),
			['primero'],
		);
	});

	it('should store an image as an image attachment with its caption as content', async () => {
		const image = { id: 'media-1', mime_type: 'image/jpeg', caption: 'Foto del paquete' };
		await post(metaPayload([{ from: '5215512345678', id: 'wamid.9', type: 'image', image }]));
		const [conversation] = await conversations();
		const [message] = (await h.admin.messages.list(conversation?.id ?? 0)).payload;
		assert.equal(message?.content, 'Foto del paquete');
		assert.equal(message?.attachments?.[0]?.file_type, 'image');
		assert.match(message?.attachments?.[0]?.data_url ?? '', /media-1\/media-1\.jpeg$/);
	});
});
