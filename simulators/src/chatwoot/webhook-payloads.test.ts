import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { chatwootWebhookSchema } from '@switchboard/glue/chatwoot';
import { CHATWOOT_SIM_AGENTS, CHATWOOT_SIM_BOT_TOKEN, CHATWOOT_SIM_TEAMS } from './constants.ts';
import { assertSameStructure, useWebhookFixture } from './test-support.ts';

const example = (name: string): unknown =>
	JSON.parse(readFileSync(new URL(`./examples/${name}.json`, import.meta.url), 'utf8'));

// The examples assign an agent but show the nested message's conversation.assignee_id as null.
const NESTED_ASSIGNEE = '$.messages[].conversation.assignee_id';

const maria = { inbox_id: 1, from: '+5215512345678', name: 'Maria Lopez' };

// Field for field and type for type against reference/chatwoot/examples/, values aside.
describe('chatwoot simulator webhook payloads', () => {
	const f = useWebhookFixture();

	it('should match contact_created, conversation_created and message_created.incoming_whatsapp', async () => {
		await f.h.incoming({ ...maria, content: 'Hola, necesito ayuda con mi pedido 1234' });
		await f.settle();
		assertSameStructure(f.account.ofEvent('contact_created')[0]?.json, example('contact_created'));
		assertSameStructure(
			f.account.ofEvent('conversation_created')[0]?.json,
			example('conversation_created'),
		);
		assertSameStructure(
			f.account.ofEvent('message_created')[0]?.json,
			example('message_created.incoming_whatsapp'),
		);
	});

	it('should match message_created.incoming_with_attachment', async () => {
		await f.h.incoming({
			...maria,
			content: 'Foto del paquete',
			attachments: [
				{
					file_type: 'image',
					url: 'https://files.example.com/paquete.jpg',
					content_type: 'image/jpeg',
					file_size: 183422,
					width: 1080,
					height: 1440,
				},
			],
		});
		await f.settle();
		const [message] = f.account.ofEvent('message_created');
		assertSameStructure(message?.json, example('message_created.incoming_with_attachment'));
	});

	it('should match message_created.private_note', async () => {
		const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
		await f.h.admin.conversations.assignAgent(conversation_id, CHATWOOT_SIM_AGENTS.sales.id);
		await f.h.admin.messages.createPrivateNote(conversation_id, 'Cliente VIP, revisar pedido 1234');
		await f.settle();
		const note = f.account.ofEvent('message_created').at(-1)?.json;
		assertSameStructure(note, example('message_created.private_note'));
	});

	it('should match message_created.outgoing_agent_bot', async () => {
		const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
		await f.h
			.clientWith(CHATWOOT_SIM_BOT_TOKEN)
			.messages.create(conversation_id, { content: '¡Hola!' });
		await f.settle();
		const reply = f.account.ofEvent('message_created').at(-1)?.json;
		assertSameStructure(reply, example('message_created.outgoing_agent_bot'));
	});

	it('should match conversation_status_changed', async () => {
		const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
		await f.h.admin.conversations.assignAgent(conversation_id, CHATWOOT_SIM_AGENTS.sales.id);
		await f.h.admin.conversations.toggleStatus(conversation_id, { status: 'resolved' });
		await f.settle();
		const [changed] = f.account.ofEvent('conversation_status_changed');
		assertSameStructure(
			changed?.json,
			example('conversation_status_changed'),
			new Set([NESTED_ASSIGNEE]),
		);
	});

	it('should match conversation_updated.team_assigned', async () => {
		const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
		await f.h.admin.conversations.setLabels(conversation_id, ['ventas', 'urgente']);
		await f.h.admin.conversations.setCustomAttributes(conversation_id, {
			departamento: 'ventas',
			pedido: '1234',
		});
		await f.h.admin.conversations.assignAgent(conversation_id, CHATWOOT_SIM_AGENTS.sales.id);
		await f.h.admin.conversations.assignTeam(conversation_id, CHATWOOT_SIM_TEAMS.sales.id);
		await f.settle();
		const updated = f.account.ofEvent('conversation_updated').at(-1);
		assertSameStructure(
			updated?.json,
			example('conversation_updated.team_assigned'),
			new Set([NESTED_ASSIGNEE]),
		);
	});

	it('should produce payloads that our webhook schema accepts', async () => {
		const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
		await f.h.admin.messages.createPrivateNote(conversation_id, 'nota');
		await f.h.admin.conversations.assignTeam(conversation_id, CHATWOOT_SIM_TEAMS.sales.id);
		await f.h.admin.conversations.toggleStatus(conversation_id, { status: 'open' });
		await f.settle();
		for (const delivery of [...f.account.received, ...f.bot.received]) {
			const parsed = chatwootWebhookSchema.safeParse(delivery.json);
			assert.ok(parsed.success, `${String(delivery.json.event)}: ${parsed.error?.message ?? ''}`);
		}
	});

	it('should fail the structure check when a type differs, so the checks above can fail', () => {
		const sample = example('contact_created') as Record<string, unknown>;
		assert.throws(() => assertSameStructure({ ...sample, id: '42' }, sample), /\$\.id/);
		assert.throws(() => assertSameStructure({ ...sample, extra: 1 }, sample), /keys differ/);
	});
});
