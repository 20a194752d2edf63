// The per-recipient failures a broadcast meets (reference/meta.md §3.6), and the throughput model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	CUSTOMER,
	eventually,
	PHONE_ID,
	statusesOf,
	templateSend,
	useSimulatorPerTest,
} from './test-support.ts';

const SEND = `/v23.0/${PHONE_ID}/messages`;

describe('WhatsApp per-recipient failures', () => {
	const fixture = useSimulatorPerTest();

	it('should accept a send to a capped recipient, then send a failed status with 131049', async () => {
		const h = await fixture.start({
			whatsapp: { recipientFailures: [{ to: CUSTOMER, code: 131049 }] },
		});
		const res = await h.graph('POST', SEND, templateSend());
		assert.equal(res.status, 200);
		const [failed] = await eventually(async () => {
			const statuses = statusesOf(fixture.receiver.received);
			return statuses.length > 0 ? statuses : undefined;
		});
		assert.equal(failed?.status, 'failed');
		assert.equal(failed?.errors?.[0]?.code, 131049);
	});

	it('should answer 131050 in the send response in sync mode, only `times` times', async () => {
		const h = await fixture.start({
			whatsapp: { recipientFailures: [{ to: CUSTOMER, code: 131050, mode: 'sync', times: 1 }] },
		});
		const first = await h.graph('POST', SEND, templateSend());
		assert.equal(first.status, 400);
		assert.equal((first.body.error as { code: number }).code, 131050);
		const second = await h.graph('POST', SEND, templateSend());
		assert.equal(second.status, 200);
	});

	it("should answer Meta's 500 for 131000 and a transient 503 for code 2", async () => {
		const h = await fixture.start({
			whatsapp: {
				recipientFailures: [
					{ to: CUSTOMER, code: 131000, times: 1 },
					{ to: '16505550000', code: 2, times: 1 },
				],
			},
		});
		const broken = await h.graph('POST', SEND, templateSend());
		assert.equal(broken.status, 500);
		assert.equal((broken.body.error as { code: number }).code, 131000);
		const busy = await h.graph('POST', SEND, templateSend('+16505550000'));
		assert.equal(busy.status, 503);
		assert.equal((busy.body.error as { is_transient: boolean }).is_transient, true);
	});

	it('should let a second of sends through at once with the token bucket, and count the refusal', async () => {
		const bucket = await fixture.start({
			whatsapp: { throughputPerSecond: 3, throughputModel: 'token-bucket' },
		});
		const sends = [];
		for (let i = 0; i < 4; i += 1)
			sends.push((await bucket.graph('POST', SEND, templateSend(`+1650555000${i}`))).status);
		assert.deepEqual(sends, [200, 200, 200, 400]);
		const state = await bucket.admin('/state');
		assert.deepEqual((state.body.whatsappRefused as Record<string, unknown>)[PHONE_ID], {
			throughput: 1,
			pairRate: 0,
		});
	});
});
