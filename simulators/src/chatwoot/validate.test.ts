import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CHATWOOT_SIM_USER_TOKEN } from './constants.ts';
import { resetSim, startHarness, type Harness } from './test-support.ts';
import { SwaggerValidator, toSwaggerPath } from './validate.ts';

describe('validate', () => {
	describe('toSwaggerPath', () => {
		it('should turn express parameters into swagger templates', () => {
			assert.equal(
				toSwaggerPath('/api/v1/accounts/:account_id/teams/:team_id/team_members'),
				'/api/v1/accounts/{account_id}/teams/{team_id}/team_members',
			);
		});
	});

	describe('SwaggerValidator', () => {
		const validator = new SwaggerValidator();
		const messages = '/api/v1/accounts/:account_id/conversations/:conversation_id/messages';

		it('should accept a body the spec allows', () => {
			assert.doesNotThrow(() =>
				validator.check('post', messages, { content: 'hola', private: true }),
			);
		});

		it('should accept what the Rails code takes although swagger forbids it', () => {
			assert.doesNotThrow(() => validator.check('post', messages, { content_type: 'input_csat' }));
			const toggle = '/api/v1/accounts/:account_id/conversations/:conversation_id/toggle_status';
			assert.doesNotThrow(() => validator.check('post', toggle, {}));
			assert.doesNotThrow(() =>
				validator.check('post', '/api/v1/accounts/:account_id/contacts', { name: 'x' }),
			);
		});

		it('should throw the Rails enum error for a value outside the enum', () => {
			assert.throws(
				() => validator.check('post', messages, { content: 'x', message_type: 'bogus' }),
				{
					status: 422,
					body: { error: "'bogus' is not a valid message_type" },
				},
			);
		});

		it('should throw a record error for a value of the wrong type', () => {
			assert.throws(() => validator.check('post', messages, { content: 42 }), {
				status: 422,
				body: { message: 'Content is invalid', attributes: ['content'] },
			});
		});
	});

	describe('over HTTP', () => {
		let h: Harness;

		before(async () => {
			h = await startHarness({ simulateWhatsappSend: false });
		});
		after(() => h.close());
		beforeEach(() => resetSim(h));

		const post = (path: string, body: unknown) =>
			fetch(`${h.server.url}/api/v1/accounts/1${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', api_access_token: CHATWOOT_SIM_USER_TOKEN },
				body: JSON.stringify(body),
			});

		it('should answer param-missing when labels are left out', async () => {
			const { conversation_id } = await h.incoming({
				inbox_id: 1,
				from: '+15551230000',
				content: 'hi',
			});
			const res = await post(`/conversations/${conversation_id}/labels`, {});
			assert.equal(res.status, 422);
			assert.deepEqual(await res.json(), {
				error: 'param is missing or the value is empty: labels',
			});
		});

		it('should take a team wrapped or flat, and refuse an empty body naming the wrapper', async () => {
			assert.equal((await post('/teams', { team: { name: 'Wrapped' } })).status, 200);
			assert.equal((await post('/teams', { name: 'Flat' })).status, 200);
			const empty = await post('/teams', {});
			assert.equal(empty.status, 422);
			assert.deepEqual(await empty.json(), {
				error: 'param is missing or the value is empty: team',
			});
		});

		it('should refuse unknown webhook events with the model error and accept inbox_created', async () => {
			const bad = await post('/webhooks', {
				url: 'https://n8n.example.com/hook',
				subscriptions: ['bogus'],
			});
			assert.equal(bad.status, 422);
			assert.deepEqual(await bad.json(), {
				message: 'Subscriptions Invalid events',
				attributes: ['subscriptions'],
			});
			const good = await post('/webhooks', {
				url: 'https://n8n.example.com/hook',
				subscriptions: ['inbox_created'],
			});
			assert.equal(good.status, 200);
		});

		it('should refuse an incoming message on a WhatsApp inbox like messages#create does', async () => {
			const { conversation_id } = await h.incoming({
				inbox_id: 1,
				from: '+15551230000',
				content: 'hi',
			});
			const res = await post(`/conversations/${conversation_id}/messages`, {
				content: 'x',
				message_type: 'incoming',
			});
			assert.equal(res.status, 422);
			assert.deepEqual(await res.json(), {
				error: 'Incoming messages are only allowed in Api inboxes',
			});
		});

		it('should answer 400 to a body that is not JSON', async () => {
			const res = await fetch(`${h.server.url}/api/v1/accounts/1/teams`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', api_access_token: CHATWOOT_SIM_USER_TOKEN },
				body: '{"name":',
			});
			assert.equal(res.status, 400);
		});
	});
});
