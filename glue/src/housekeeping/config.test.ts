import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TEXT_RETENTION_DAYS, n8nExecutionPruneEnv } from './config.ts';

describe('housekeeping config', () => {
	describe('n8nExecutionPruneEnv', () => {
		it('should prune n8n executions after as many hours as the retention has days', () => {
			assert.deepEqual(n8nExecutionPruneEnv(DEFAULT_TEXT_RETENTION_DAYS), {
				EXECUTIONS_DATA_PRUNE: 'true',
				EXECUTIONS_DATA_MAX_AGE: '336',
			});
			assert.equal(n8nExecutionPruneEnv(1).EXECUTIONS_DATA_MAX_AGE, '24');
		});

		it('should refuse a retention of no days', () => {
			assert.throws(() => n8nExecutionPruneEnv(0), {
				name: 'RangeError',
				message: 'housekeeping: retentionDays must be a whole number ≥ 1, not 0',
			});
		});
	});
});
