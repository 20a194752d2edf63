import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScheduledTime } from './schedule-time.ts';

const NOW = Date.UTC(2026, 6, 1, 10, 0, 0);
const MINUTE = 60_000;

describe('schedule-time', () => {
	describe('parseScheduledTime', () => {
		it('should read Unix seconds given as a number or as digits', () => {
			const at = NOW + 60 * MINUTE;
			assert.equal(parseScheduledTime(at / 1000, NOW), at);
			assert.equal(parseScheduledTime(String(at / 1000), NOW), at);
		});

		it('should read an ISO 8601 string', () => {
			assert.equal(parseScheduledTime('2026-07-02T10:00:00Z', NOW), Date.UTC(2026, 6, 2, 10));
		});

		it('should accept exactly 10 minutes and exactly 30 days ahead', () => {
			assert.equal(parseScheduledTime((NOW + 10 * MINUTE) / 1000, NOW), NOW + 10 * MINUTE);
			assert.equal(
				parseScheduledTime((NOW + 30 * 1440 * MINUTE) / 1000, NOW),
				NOW + 30 * 1440 * MINUTE,
			);
		});

		it('should throw the invalid-time error when too soon, too late, in the past or unreadable', () => {
			for (const value of [
				(NOW + 9 * MINUTE) / 1000,
				(NOW + 31 * 1440 * MINUTE) / 1000,
				1,
				'soon',
				'',
			]) {
				assert.throws(() => parseScheduledTime(value, NOW), /scheduled publish time is invalid/);
			}
		});
	});
});
