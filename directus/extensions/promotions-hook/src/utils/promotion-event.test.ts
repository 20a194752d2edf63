import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promotionEventName } from './promotion-event.ts';

describe('promotionEventName', () => {
	it('should say published when a promotion becomes published, however it was before', () => {
		assert.equal(promotionEventName(null, 'published'), 'promotion.published');
		assert.equal(promotionEventName('draft', 'published'), 'promotion.published');
		assert.equal(promotionEventName('archived', 'published'), 'promotion.published');
	});

	it('should say changed when a published one is edited or stops being published', () => {
		assert.equal(promotionEventName('published', 'published'), 'promotion.changed');
		assert.equal(promotionEventName('published', 'archived'), 'promotion.changed');
		assert.equal(promotionEventName('published', 'draft'), 'promotion.changed');
	});

	it('should say nothing about promotions that are not and were not published', () => {
		assert.equal(promotionEventName(null, 'draft'), null);
		assert.equal(promotionEventName('draft', 'archived'), null);
		assert.equal(promotionEventName('draft', null), null);
	});
});
