// The message-templates hook (directus/extensions/message-templates-hook) on a real Directus 11,
// with the schema, access and demo seed applied: a marketing editor's bad template is refused at
// save with a reason naming the problem, and a good one is saved.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requestAs, startContentDirectus, type ContentDirectus } from './testing.ts';

/** A valid template; override what a test is about. */
function template(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		key: 'test_message',
		language: 'en',
		channel: 'whatsapp_session',
		status: 'published',
		body: 'Hi {{contact.first_name}}, {{department.name}} here.',
		fallbacks: [{ variable: 'contact.first_name', text: 'there' }],
		...overrides,
	};
}

describe('message-templates hook', () => {
	let cms: ContentDirectus;
	let editor: { url: string; token: string };

	before(async () => {
		cms = await startContentDirectus({ access: true, seed: { clock: { now: () => Date.now() } } });
		editor = { url: cms.admin.url, token: await cms.createUser('Marketing editor') };
	});
	after(async () => {
		await cms?.stop();
	});

	const count = async () =>
		(await requestAs(cms.admin, 'GET', '/items/message_templates?aggregate[count]=id')).data;
	const create = (body: Record<string, unknown>) =>
		requestAs(editor, 'POST', '/items/message_templates', body);

	it('should save a good template written by a marketing editor', async () => {
		const res = await create(template({ key: 'good_one' }));
		assert.equal(res.status, 200, res.message ?? '');
	});

	it('should refuse a template naming an unknown variable, suggesting the right one', async () => {
		const before = await count();
		const res = await create(template({ body: 'Hi {{contact.frist_name}}' }));
		assert.equal(res.status, 400);
		assert.equal(res.code, 'INVALID_PAYLOAD');
		assert.match(
			res.message!,
			/\{\{contact\.frist_name\}\} in the text is not a variable we know\. Did you mean \{\{contact\.first_name\}\}\?/,
		);
		assert.deepEqual(await count(), before, 'nothing was saved');
	});

	it('should refuse unbalanced braces, pointing at the place', async () => {
		const res = await create(template({ body: 'Hi {{contact.first_name, welcome!' }));
		assert.equal(res.code, 'INVALID_PAYLOAD');
		assert.match(res.message!, /A "\{\{" is never closed with "\}\}", near "Hi \{\{contact/);
	});

	it("should refuse a text over the channel's length limit", async () => {
		const res = await create(template({ channel: 'instagram', body: 'x'.repeat(1001) }));
		assert.equal(res.code, 'INVALID_PAYLOAD');
		assert.match(
			res.message!,
			/An Instagram message can be at most 1000 characters; this text is 1001/,
		);
	});

	it('should refuse an e-mail without a subject, and a fallback for a variable that does not exist', async () => {
		const email = await create(template({ channel: 'email' }));
		assert.match(email.message!, /An e-mail template needs a subject\./);
		const fallback = await create(
			template({ fallbacks: [{ variable: 'contact.nmae', text: 'x' }] }),
		);
		assert.match(
			fallback.message!,
			/\{\{contact\.nmae\}\} in the fallback texts is not a variable/,
		);
	});

	it('should refuse a WhatsApp template without the approved template it sends', async () => {
		const res = await create(template({ channel: 'whatsapp_template' }));
		assert.equal(res.code, 'INVALID_PAYLOAD');
		assert.match(res.message!, /A WhatsApp template needs the approved template it sends/);
	});

	it('should refuse an edit that breaks a saved template, naming it, and keep the saved text', async () => {
		const [saved] = (
			await requestAs(
				cms.admin,
				'GET',
				'/items/message_templates?filter[key][_eq]=out_of_hours&filter[language][_eq]=es&fields=id,body',
			)
		).data as { id: number; body: string }[];
		const res = await requestAs(editor, 'PATCH', `/items/message_templates/${saved!.id}`, {
			body: 'Volvemos {{department.next_openning}}',
		});
		assert.equal(res.code, 'INVALID_PAYLOAD');
		assert.match(
			res.message!,
			new RegExp(
				`Message template ${saved!.id}: \\{\\{department\\.next_openning\\}\\} in the text`,
			),
		);
		const after = await requestAs(
			cms.admin,
			'GET',
			`/items/message_templates/${saved!.id}?fields=body`,
		);
		assert.equal((after.data as { body: string }).body, saved!.body);
		// An edit that only changes the status is checked against the saved text, and passes.
		const draft = await requestAs(editor, 'PATCH', `/items/message_templates/${saved!.id}`, {
			status: 'draft',
		});
		assert.equal(draft.status, 200, draft.message ?? '');
	});
});
