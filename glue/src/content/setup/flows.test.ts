// The broadcast buttons (directus/flows) in a real Directus 11 with our extensions, schema, access and
// seed: applied as code, run by a marketing editor the way the Studio runs them (POST
// /flows/trigger/<id> with the collection, the item's key and the confirmation dialog's fields), and
// the test send reaching the Meta simulator through the department's number.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { approvedTemplateRow } from '../../meta/index.ts';
import { createMetaSimulator, type MetaSimulator } from '../../../../simulators/src/meta/index.ts';
import { listen, type RunningServer } from '../../../../simulators/src/common/listen.ts';
import { SETUP_FILES } from './files.ts';
import { applyDirectusFlows, flowsFileSchema } from './flows.ts';
import { requestAs, startContentDirectus, type ContentDirectus } from './testing.ts';

const file = flowsFileSchema.parse(JSON.parse(readFileSync(SETUP_FILES.flows, 'utf8')));
const flowId = (name: string) => file.flows.find((flow) => flow.name === name)!.id;
const TEST_FLOW = flowId('Send a test to me');
const ESTIMATE_FLOW = flowId('Estimate');

const META_TOKEN = 'flows-test-meta-token';
/** Sales' WhatsApp number in the seed. */
const SALES_PHONE_ID = '1555000000001';
const TEMPLATE = 'june_fibre_offer';
const approvedTemplate = {
	name: TEMPLATE,
	language: 'en_US',
	category: 'MARKETING' as const,
	status: 'APPROVED' as const,
	parameter_format: 'POSITIONAL' as const,
	components: [
		{
			type: 'BODY' as const,
			text: 'Hi {{1}}, Fibre 500 is half price in June. Reply {{2}} to stop these messages.',
			example: { body_text: [['Ana', 'STOP']] },
		},
	],
};

describe('broadcast buttons (Directus flows)', () => {
	let cms: ContentDirectus;
	let meta: { sim: MetaSimulator; server: RunningServer };
	let editor: { url: string; token: string };
	let receptionist: { url: string; token: string };
	let broadcastId: number;

	before(async () => {
		// Directus reads its environment once: the simulator must be listening first.
		const sim = createMetaSimulator({
			accessTokens: [{ token: META_TOKEN }],
			businessNumbers: [
				{
					phoneNumberId: SALES_PHONE_ID,
					displayPhoneNumber: '15550000001',
					wabaId: '102290129340398',
				},
			],
			templates: [approvedTemplate],
		});
		meta = { sim, server: await listen(sim.app) };
		cms = await startContentDirectus({
			access: true,
			seed: { clock: { now: () => Date.now() } },
			env: {
				META_GRAPH_URL: meta.server.url,
				META_WHATSAPP_TOKEN: META_TOKEN,
				META_WABA_ID: '102290129340398',
			},
		});
		const first = await applyDirectusFlows({ directus: cms.admin });
		assert.deepEqual(
			first.changes.map((change) => `${change.action} ${change.target}`),
			file.flows.map((flow) => `create flow "${flow.name}"`),
		);
		editor = { url: cms.admin.url, token: await cms.createUser('Marketing editor') };
		receptionist = { url: cms.admin.url, token: await cms.createUser('Receptionist') };

		const admin = (method: string, path: string, body?: unknown) =>
			requestAs(cms.admin, method, path, body);
		const approved = await admin(
			'POST',
			'/items/whatsapp_approved_templates',
			approvedTemplateRow(approvedTemplate, new Date()),
		);
		assert.equal(approved.status, 200, approved.message ?? '');
		const template = await admin('POST', '/items/message_templates', {
			key: TEMPLATE,
			language: 'en',
			channel: 'whatsapp_template',
			status: 'published',
			body: 'Hi {{contact.first_name}}, Fibre 500 is half price in June. Reply {{broadcast.opt_out_word}} to stop these messages.',
			fallbacks: [{ variable: 'contact.first_name', text: 'there' }],
			whatsapp_template_name: TEMPLATE,
			whatsapp_language_code: 'en_US',
			whatsapp_category: 'MARKETING',
			whatsapp_parameters: [
				{ component: 'body', position: 1, variable: 'contact.first_name' },
				{ component: 'body', position: 2, variable: 'broadcast.opt_out_word' },
			],
		});
		assert.equal(template.status, 200, template.message ?? '');
		const recipient = await requestAs(editor, 'POST', '/items/recipients', {
			phone: '+15550007001',
			name: 'Ana',
			language: 'en',
		});
		assert.equal(recipient.status, 200, recipient.message ?? '');
		const group = await requestAs(editor, 'POST', '/items/recipient_groups', {
			name: 'June fans',
			recipients: [{ recipients_id: (recipient.data as { id: number }).id }],
		});
		assert.equal(group.status, 200, group.message ?? '');
		const broadcast = await requestAs(editor, 'POST', '/items/broadcasts', {
			name: 'June offer',
			template_key: TEMPLATE,
			department: 'sales',
			groups: [{ recipient_groups_id: (group.data as { id: number }).id }],
		});
		assert.equal(broadcast.status, 200, broadcast.message ?? '');
		broadcastId = (broadcast.data as { id: number }).id;
		// The test send fills in the name of whoever clicked.
		const me = (await requestAs(editor, 'GET', '/users/me?fields=id')).data as { id: string };
		assert.equal(
			(await requestAs(cms.admin, 'PATCH', `/users/${me.id}`, { first_name: 'Marta' })).status,
			200,
		);
	});
	after(async () => {
		await cms?.stop();
		meta?.sim.stop();
		await meta?.server.close();
	});

	/** As the Studio runs a manual flow from an item's sidebar. */
	const run = (who: { url: string; token: string }, flow: string, fields: object = {}) =>
		requestAs(who, 'POST', `/flows/trigger/${flow}`, {
			...fields,
			collection: 'broadcasts',
			keys: [broadcastId],
		});
	const sentTo = (digits: string) =>
		[...meta.sim.state.whatsapp.messages.values()].filter((message) => message.to === digits);
	const notifications = async (who: { url: string; token: string }) =>
		(
			await requestAs(
				who,
				'GET',
				'/notifications?filter[recipient][_eq]=$CURRENT_USER&fields=subject,message,item&sort=-id',
			)
		).data as { subject: string; message: string; item: string }[];

	it('should show a marketing editor both buttons and nobody else the flows', async () => {
		const seen = await requestAs(editor, 'GET', '/flows?fields=*,operations.*');
		assert.equal(seen.status, 200, seen.message ?? '');
		assert.deepEqual(
			(seen.data as { id: string }[]).map((flow) => flow.id).sort(),
			[TEST_FLOW, ESTIMATE_FLOW].sort(),
		);
		// Read-only: a marketing editor cannot change what the button does.
		const edit = await requestAs(editor, 'PATCH', `/flows/${TEST_FLOW}`, { status: 'inactive' });
		assert.equal(edit.status, 403);
		const receptionistSees = await requestAs(receptionist, 'GET', '/flows?fields=id');
		assert.deepEqual(receptionistSees.data ?? [], []);
	});

	it("should send the test to the number typed in the dialog, filled in with the editor's name, and say so in the bell", async () => {
		const res = await run(editor, TEST_FLOW, { phone: '+34 600 111 222' });
		assert.equal(res.status, 200, res.message ?? '');
		const [message, ...more] = sentTo('34600111222');
		assert.equal(more.length, 0);
		assert.equal(message?.type, 'template');
		assert.equal(message?.phoneNumberId, SALES_PHONE_ID);
		assert.match(JSON.stringify(message?.request), /Marta/);
		const [latest] = await notifications(editor);
		assert.equal(latest?.subject, 'Broadcast test sent');
		assert.match(latest?.message ?? '', /sent to \+34600111222/);
		assert.equal(String(latest?.item), String(broadcastId));
		// A test is not a delivery: the broadcast itself still reaches everyone in its groups.
		const { rows } = await cms.pool.query(
			'select 1 from sb_broadcast_deliveries where broadcast_id = $1',
			[broadcastId],
		);
		assert.equal(rows.length, 0);
	});

	it('should refuse a phone that is not a number with the reason, sending nothing', async () => {
		const before = meta.sim.state.whatsapp.messages.size;
		const res = await run(editor, TEST_FLOW, { phone: 'my phone' });
		assert.equal(res.status, 400);
		assert.match(res.message ?? '', /"my phone" is not a phone number in international form/);
		assert.equal(meta.sim.state.whatsapp.messages.size, before);
	});

	it("should put the estimate in the editor's notifications", async () => {
		const res = await run(editor, ESTIMATE_FLOW);
		assert.equal(res.status, 200, res.message ?? '');
		const [latest] = await notifications(editor);
		assert.equal(latest?.subject, 'Broadcast estimate');
		assert.match(latest?.message ?? '', /^Goes to 1 person \(0 left out: opted out\)\./);
	});

	it('should not let a role without access to broadcasts run them', async () => {
		const before = meta.sim.state.whatsapp.messages.size;
		const res = await run(receptionist, TEST_FLOW, { phone: '+34600111333' });
		assert.equal(res.status, 403);
		assert.equal(meta.sim.state.whatsapp.messages.size, before);
	});

	it('should change nothing when applied again, and put back a flow edited in the Studio', async () => {
		assert.deepEqual((await applyDirectusFlows({ directus: cms.admin })).changes, []);
		await requestAs(cms.admin, 'PATCH', `/flows/${ESTIMATE_FLOW}`, { name: 'Renamed' });
		const again = await applyDirectusFlows({ directus: cms.admin });
		assert.deepEqual(
			again.changes.map((change) => `${change.action} ${change.target} (${change.detail})`),
			['update flow "Estimate" (name)'],
		);
		assert.equal((await run(editor, ESTIMATE_FLOW)).status, 200);
	});
});
