import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHATWOOT_SIM_SOCIAL_INBOXES } from './constants.ts';
import { useWebhookFixture } from './test-support.ts';

const messenger = CHATWOOT_SIM_SOCIAL_INBOXES.messenger;
const instagram = CHATWOOT_SIM_SOCIAL_INBOXES.instagram;

describe('chatwoot simulator Messenger and Instagram inboxes', () => {
	const fx = useWebhookFixture();

	const botMessage = async (conversationId: number) => {
		await fx.settle();
		const created = fx.bot.ofEvent('message_created').map((w) => w.json);
		const message = created.find(
			(m) => (m.conversation as { id: number } | undefined)?.id === conversationId,
		);
		assert.ok(message, `no message_created for ${conversationId}`);
		return message as Record<string, unknown> & {
			sender: Record<string, unknown>;
			conversation: Record<string, unknown> & {
				contact_inbox: { source_id: string };
				meta: { sender: Record<string, unknown> };
			};
		};
	};

	it('should list them as Channel::FacebookPage and Channel::Instagram, without a number', async () => {
		const inboxes = await fx.h.admin.inboxes.list();
		const social = inboxes.filter((i) => i.id === messenger.id || i.id === instagram.id);
		assert.deepEqual(
			social.map((i) => [i.id, i.name, i.channel_type, i.phone_number ?? null]),
			[
				[messenger.id, messenger.name, 'Channel::FacebookPage', null],
				[instagram.id, instagram.name, 'Channel::Instagram', null],
			],
		);
	});

	it('should deliver a Messenger message from a sender known only by the page-scoped id', async () => {
		const sent = await fx.h.incoming({
			inbox_id: messenger.id,
			sender_id: '24871234567890123',
			name: 'Mia Messenger',
			content: 'Is my area covered?',
		});
		const message = await botMessage(sent.conversation_id);
		assert.equal(message.conversation.channel, 'Channel::FacebookPage');
		assert.equal(message.conversation.contact_inbox.source_id, '24871234567890123');
		assert.match(String(message.source_id), /^m_/);
		assert.equal(message.sender.name, 'Mia Messenger');
		assert.equal(message.sender.phone_number, null);
		assert.equal(message.sender.email, null);
		assert.equal(message.sender.identifier, null);
		assert.deepEqual(message.sender.additional_attributes, {});
		assert.equal(message.conversation.status, 'pending', 'the bot owns it');
		assert.equal(message.conversation.can_reply, true);
	});

	it("should keep an Instagram sender's handle in the contact's additional attributes", async () => {
		const sent = await fx.h.incoming({
			inbox_id: instagram.id,
			sender_id: '17841400000000001',
			name: 'Ines',
			username: 'ines.fibre',
			content: 'hi!',
		});
		const message = await botMessage(sent.conversation_id);
		assert.equal(message.conversation.channel, 'Channel::Instagram');
		assert.match(String(message.source_id), /^aWdf/);
		assert.equal(message.sender.phone_number, null);
		assert.deepEqual(message.conversation.meta.sender.additional_attributes, {
			social_profiles: { instagram: 'ines.fibre' },
			social_instagram_user_name: 'ines.fibre',
		});
		// The same sender again: the same contact and conversation.
		const again = await fx.h.incoming({
			inbox_id: instagram.id,
			sender_id: '17841400000000001',
			content: 'anyone?',
		});
		assert.equal(again.contact_id, sent.contact_id);
		assert.equal(again.conversation_id, sent.conversation_id);
		assert.equal(again.contact_created, false);
	});

	it('should refuse a phone number for a Messenger inbox, and a sender id for WhatsApp', async () => {
		const post = (body: Record<string, unknown>) =>
			fetch(`${fx.h.server.url}/__sim/incoming`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
		const phone = await post({ inbox_id: messenger.id, from: '+15551230000', content: 'x' });
		assert.equal(phone.status, 400);
		assert.match(((await phone.json()) as { error: string }).error, /sender_id/);
		const psid = await post({ inbox_id: 1, sender_id: '24871234567890123', content: 'x' });
		assert.equal(psid.status, 400);
		assert.match(((await psid.json()) as { error: string }).error, /takes from/);
	});
});
