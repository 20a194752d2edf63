// Message templates end to end: what a customer reads when a person takes over is Directus's
// message_templates wording in their language, and an edit marketing makes in Directus is what the
// next customer reads (once the content reader's 60 s cache has moved on).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import { startE2eStack, type E2eStack } from './stack.ts';
import {
	agentView,
	conversationView,
	customerWrites,
	eventually,
	newCustomer,
	setDepartmentHours,
} from './inbound-support.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;
const SUPPORT = CHATWOOT_SIM_INBOXES.support.phoneNumber;
const NONSENSE_EN = 'The zebra firmware flux capacitor is blinking purple';
const NONSENSE_ES = 'Hola, el condensador de flujo de la cebra parpadea en morado, ¿qué hago?';

describe('message templates end to end', () => {
	let e2e: E2eStack;

	/** As the Directus admin (marketing would do the same in the Studio). */
	const directus = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${e2e.directusUrl}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${e2e.stack.directus.adminToken}`,
				'content-type': 'application/json',
			},
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
		const json = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
		return { status: res.status, data: json.data, error: json.errors?.[0]?.message ?? null };
	};

	/** The bot's first message to a customer who wrote `content` to `to`. */
	const firstReply = async (to: string, content: string, name: string) => {
		const sent = await customerWrites(e2e.chatwoot, { to, from: newCustomer(), content, name });
		const view = await eventually(`a bot message in ${sent.conversationId}`, async () => {
			const current = await conversationView(agentView(e2e.chatwoot), sent.conversationId);
			return current.replies.length > 0 && current.notes.length > 0 ? current : undefined;
		});
		return view.replies[0]!;
	};

	before(async () => {
		e2e = await startE2eStack();
		// Known hours whatever the day: Sales always open, Support closed until three days from now.
		await setDepartmentHours(e2e, 'sales', 'always');
		await setDepartmentHours(e2e, 'support', 'in-three-days');
	});
	after(() => e2e?.stop());

	it("should tell a closed team's Spanish-speaking customer when it is back, in Directus's Spanish wording", async () => {
		const reply = await firstReply(SUPPORT, NONSENSE_ES, 'Lucía Pérez');
		assert.match(
			reply,
			/^Hola Lucía, gracias por su mensaje\. Ahora estamos cerrados y volvemos a abrir \p{L}+ a las 09:00\. Una persona le responderá entonces\.$/u,
		);
	});

	it('should acknowledge a hand-off while the team is open with the handoff template', async () => {
		const reply = await firstReply(SALES, NONSENSE_ES, '+1 617 555 0000');
		// A name that is only a number has no first name: the template's fallback greets instead.
		assert.equal(
			reply,
			'Hola 👋, he pasado su consulta a nuestro equipo de Sales; una persona le responderá aquí en breve.',
		);
	});

	it('should send the wording marketing changed in Directus to the next customer', async () => {
		const { data } = await directus(
			'GET',
			'/items/message_templates?filter[key][_eq]=out_of_hours&filter[language][_eq]=en&fields=id',
		);
		const id = (data as { id: number }[])[0]!.id;
		const broken = await directus('PATCH', `/items/message_templates/${id}`, {
			body: 'Back {{department.next_openning}}',
		});
		assert.equal(broken.status, 400, 'the hook refuses a broken edit');
		assert.match(broken.error!, /Did you mean \{\{department\.next_opening\}\}\?/);

		const edited = await directus('PATCH', `/items/message_templates/${id}`, {
			body: 'Hello {{contact.first_name}}! Support is closed; we are back {{department.next_opening}}.',
		});
		assert.equal(edited.status, 200, edited.error ?? '');
		// Each workflow run reads templates through a cache kept for 60 s: new customers write until
		// one gets the new wording (it must come, and never a mix of the two).
		const reply = await eventually(
			'the edited wording',
			async () => {
				const text = await firstReply(SUPPORT, NONSENSE_EN, 'Dana Scully');
				assert.match(text, /^(Hi Dana, thanks for your message\.|Hello Dana! Support is closed;)/);
				return text.startsWith('Hello') ? text : undefined;
			},
			240_000,
		);
		assert.match(reply, /^Hello Dana! Support is closed; we are back \w+ at 09:00\.$/);
	});
});
