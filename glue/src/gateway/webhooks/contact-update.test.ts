import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mirrorStage } from '../../stages/mirror.ts';
import { contactStage, moveStage, stageHistory } from '../../stages/repository.ts';
import { useGatewayFixture, waitFor, type TestGateway } from '../test-support.ts';

const ACCOUNT = 1;

describe('contact_updated intake', () => {
	const fx = useGatewayFixture();

	/** A gateway the simulator's account webhook posts contact_updated to, and a contact. */
	async function setUp(mirrorMs = 0): Promise<{ gw: TestGateway; contactId: number }> {
		const webhook = await fx.sim.admin.webhooks.create({
			url: 'http://127.0.0.1:9/not-yet',
			subscriptions: ['contact_updated'],
		});
		const gw = await fx.start({
			env: {
				CHATWOOT_ACCOUNT_WEBHOOK_SECRET: webhook.secret ?? '',
				GATEWAY_STAGE_MIRROR_INTERVAL_MS: String(mirrorMs),
			},
		});
		await fx.sim.admin.webhooks.update(webhook.id, { url: gw.webhookUrl });
		// The simulator starts each test from its seed, so contact ids repeat: so must the stages.
		await gw.pool.query('truncate sb_contact_stages, sb_stage_transitions restart identity');
		const { contact_id } = await fx.sim.incoming({
			inbox_id: 1,
			from: `+52155${String(Date.now()).slice(-8)}`,
			name: 'Maria Lopez',
			content: 'Hola',
		});
		await fx.sim.sim.webhooks.idle();
		return { gw, contactId: contact_id };
	}

	const history = (gw: TestGateway, contactId: number) =>
		stageHistory(gw.pool, { accountId: ACCOUNT, contactId });

	it("should record an agent's change of the Stage attribute as the agent's move", async () => {
		const { gw, contactId } = await setUp();
		await moveStage(gw.pool, { accountId: ACCOUNT, contactId, to: 'engaged', by: 'triage' });
		await mirrorStage(fx.sim.admin.contacts, contactId, 'engaged');
		await fx.sim.admin.contacts.update(contactId, { custom_attributes: { stage: 'lost' } });
		await fx.sim.sim.webhooks.idle();
		await waitFor('the agent move', async () => (await history(gw, contactId)).length === 2);
		assert.deepEqual(
			(await history(gw, contactId)).map((t) => [t.from, t.to, t.by]),
			[
				['new', 'engaged', 'triage'],
				['engaged', 'lost', 'agent'],
			],
		);
	});

	it('should not record our own mirror write when Chatwoot echoes it', async () => {
		const { gw, contactId } = await setUp();
		await moveStage(gw.pool, { accountId: ACCOUNT, contactId, to: 'qualified', by: 'triage' });
		await mirrorStage(fx.sim.admin.contacts, contactId, 'qualified');
		await fx.sim.sim.webhooks.idle();
		const deliveries = fx.sim.sim.webhooks.log.filter((d) => d.kind === 'account_webhook');
		assert.ok(deliveries.some((d) => d.status === 200));
		assert.equal((await history(gw, contactId)).length, 1);
		assert.equal(
			(await contactStage(gw.pool, { accountId: ACCOUNT, contactId })).stage,
			'qualified',
		);
	});

	it("should show a move in Chatwoot's Stage attribute, without recording it twice", async () => {
		const { gw, contactId } = await setUp(50);
		await moveStage(gw.pool, { accountId: ACCOUNT, contactId, to: 'engaged', by: 'triage' });
		await waitFor(
			'the stage in Chatwoot',
			async () =>
				(await fx.sim.admin.contacts.get(contactId)).custom_attributes.stage === 'engaged',
		);
		await fx.sim.sim.webhooks.idle();
		await waitFor('the echo handled', async () => {
			const { rows } = await gw.pool.query('select mirrored_stage from sb_contact_stages');
			return rows[0]?.mirrored_stage === 'engaged';
		});
		assert.equal((await history(gw, contactId)).length, 1);
	});

	it('should refuse a change the lifecycle forbids and put the attribute back', async () => {
		const { gw, contactId } = await setUp(50);
		await moveStage(gw.pool, { accountId: ACCOUNT, contactId, to: 'customer', by: 'workflow' });
		await mirrorStage(fx.sim.admin.contacts, contactId, 'customer');
		await fx.sim.admin.contacts.update(contactId, { custom_attributes: { stage: 'new' } });
		await fx.sim.sim.webhooks.idle();
		await waitFor(
			'the attribute put back',
			async () =>
				(await fx.sim.admin.contacts.get(contactId)).custom_attributes.stage === 'customer',
		);
		assert.equal((await history(gw, contactId)).length, 1);
		assert.ok(gw.logs.some((line) => /refused an agent stage change/.test(line.message)));
	});
});
