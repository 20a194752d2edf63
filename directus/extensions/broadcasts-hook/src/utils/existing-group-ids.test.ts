import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { existingGroupIds } from './existing-group-ids.ts';

describe('existingGroupIds', () => {
	it('should read both M2M forms Directus accepts, ids as strings', () => {
		assert.deepEqual(existingGroupIds([{ recipient_groups_id: 4 }, { recipient_groups_id: '7' }]), [
			'4',
			'7',
		]);
		assert.deepEqual(existingGroupIds({ create: [{ recipient_groups_id: { id: 9 } }] }), ['9']);
	});

	it('should give no groups when the payload names none', () => {
		assert.deepEqual(existingGroupIds(undefined), []);
		assert.deepEqual(existingGroupIds(null), []);
		assert.deepEqual(existingGroupIds([]), []);
	});

	it('should refuse a group created in the same save, or a shape it does not know', () => {
		assert.equal(
			existingGroupIds([{ recipient_groups_id: { name: 'New', recipients: [] } }]),
			null,
		);
		assert.equal(existingGroupIds({ update: [] }), null);
		assert.equal(existingGroupIds('5'), null);
	});
});
