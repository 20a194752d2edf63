import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SocialInputError } from './social-input-error.ts';
import { parseRunTrigger } from './trigger.ts';

const NOW = Date.parse('2026-11-23T14:05:00Z');

describe('parseRunTrigger', () => {
	it('should read an empty body, or none, as a schedule check now', () => {
		assert.deepEqual(parseRunTrigger({}, NOW), { kind: 'schedule', at: null });
		assert.deepEqual(parseRunTrigger(undefined, NOW), { kind: 'schedule', at: null });
	});

	it('should read a check as of an earlier time', () => {
		const trigger = parseRunTrigger({ at: '2026-11-23T09:00:00-05:00' }, NOW);
		assert.deepEqual(trigger, { kind: 'schedule', at: new Date('2026-11-23T14:00:00Z') });
	});

	it('should refuse a check as of a future time', () => {
		assert.throws(
			() => parseRunTrigger({ at: '2026-11-30T09:00:00-05:00' }, NOW),
			(error: unknown) =>
				error instanceof SocialInputError &&
				error.issues[0]?.field === 'at' &&
				/in the future/.test(error.message),
		);
	});

	it("should read the Directus hook's events, with a numeric or a string id", () => {
		const body = {
			event: 'promotion.published',
			promotionId: 12,
			status: 'published',
			at: '2026-11-23T14:00:00Z',
		};
		assert.deepEqual(parseRunTrigger(body, NOW), { kind: 'published', promotionId: '12' });
		assert.deepEqual(parseRunTrigger({ event: 'promotion.changed', promotionId: 'abc' }, NOW), {
			kind: 'changed',
			promotionId: 'abc',
		});
	});

	it('should name the bad field of an event', () => {
		assert.throws(
			() => parseRunTrigger({ event: 'promotion.deleted', promotionId: 1 }, NOW),
			(error: unknown) =>
				error instanceof SocialInputError &&
				error.code === 'SOCIAL_INVALID_INPUT' &&
				error.issues[0]?.field === 'event',
		);
		assert.throws(() => parseRunTrigger({ event: 'promotion.published' }, NOW), /promotionId/);
	});

	it('should refuse a body that is not an object', () => {
		assert.throws(() => parseRunTrigger([1], NOW), SocialInputError);
		assert.throws(() => parseRunTrigger('now', NOW), SocialInputError);
	});
});
