// The Message Template node on a real Directus 11 with our schema, access and seed, read with the
// automation token n8n gets in production. Boots Directus: about 15 s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import { startContentDirectus, type ContentDirectus } from '@switchboard/glue/testing';
import { runNodes, type TestNode } from './harness.ts';

const KEY = 'node_test_welcome';

describe('Message Template node', () => {
	let content: ContentDirectus;
	before(async () => {
		content = await startContentDirectus({
			access: true,
			seed: { clock: { now: () => Date.now() } },
		});
		const template = (language: string, body: string) => ({
			key: KEY,
			language,
			channel: 'whatsapp_session',
			status: 'published',
			body,
		});
		await content.adminApi.call('POST', '/items/message_templates', {
			body: [
				template('en', 'Hi {{contact.first_name}}, welcome to {{business.name}}.'),
				template('es', 'Hola {{contact.first_name}}, bienvenido a {{business.name}}.'),
			],
		});
	});
	after(() => content?.stop());

	const renderNode = (parameters: TestNode['parameters'], continueOnFail = false): TestNode => ({
		name: 'Template',
		type: 'template',
		parameters: { operation: 'render', ...parameters },
		credentials: { switchboardDirectusApi: 'directus' },
		continueOnFail,
	});
	const run = (node: TestNode, input: IDataObject[]) =>
		runNodes({
			nodes: [node],
			input,
			credentials: {
				switchboardDirectusApi: { url: content.directus.url, token: content.automationToken! },
			},
		});

	it("should fill the template in each contact's language, under message, beside the item", async () => {
		const result = await run(renderNode({ key: KEY }), [
			{ contact: { name: 'Ana López', language: 'es-MX' }, ticket: 7 },
			{ contact: { name: 'Sam', language: 'en' } },
		]);
		assert.equal(result.error, undefined);
		const [ana, sam] = result.output('Template');
		const business = (await content.adminApi.call<{ name: string }>('GET', '/items/business_info'))
			.name;
		assert.equal((ana?.json.message as IDataObject).text, `Hola Ana, bienvenido a ${business}.`);
		assert.equal(ana?.json.ticket, 7);
		assert.deepEqual(ana?.pairedItem, { item: 0 });
		assert.equal((sam?.json.message as IDataObject).text, `Hi Sam, welcome to ${business}.`);
		assert.equal((sam?.json.message as IDataObject).language, 'en');
		assert.deepEqual(sam?.pairedItem, { item: 1 });
	});

	it('should keep a name with braces or markup as it is', async () => {
		const result = await run(renderNode({ key: KEY, language: 'en' }), [
			{ contact: { name: '{{business.name}} <b>' } },
		]);
		assert.equal(result.error, undefined);
		const text = (result.output('Template')[0]?.json.message as IDataObject).text as string;
		assert.match(text, /^Hi \{\{business\.name\}\}, welcome/);
	});

	it('should give an error item with its pairing for an unknown key under Continue On Fail', async () => {
		const result = await run(renderNode({ key: 'no_such_template' }, true), [{ a: 1 }, { a: 2 }]);
		assert.equal(result.error, undefined);
		const items = result.output('Template');
		assert.equal(items.length, 2);
		assert.match(String(items[0]?.json.error), /No published message template "no_such_template"/);
		assert.deepEqual(items[1]?.pairedItem, { item: 1 });
	});

	it('should stop the workflow with the template named when Continue On Fail is off', async () => {
		const result = await run(renderNode({ key: 'no_such_template' }), [{}]);
		assert.equal(result.error?.name, 'NodeOperationError');
		assert.match(String(result.error?.message), /no_such_template/);
	});
});
