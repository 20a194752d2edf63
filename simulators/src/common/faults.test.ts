import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultTable, faultSchema } from './faults.ts';

const fault = (input: object) => faultSchema.parse(input);

describe('FaultTable', () => {
	describe('take', () => {
		it('should try a later matching fault when an earlier one misses its probability roll', () => {
			const table = new FaultTable(() => 0.9);
			table.add(fault({ path: '/v1/*', status: 500, probability: 0.5 }));
			table.add(fault({ path: '/v1/*', status: 429 }));
			assert.equal(table.take('POST', '/v1/messages')?.status, 429);
		});

		it('should let the first `skip` matching requests through, then apply', () => {
			const table = new FaultTable();
			table.add(fault({ method: 'post', path: '/x', status: 500, skip: 1, times: 1 }));
			assert.equal(table.take('GET', '/x'), undefined, 'another method does not count');
			assert.equal(table.take('POST', '/x'), undefined);
			assert.equal(table.take('POST', '/x')?.status, 500);
			assert.equal(table.take('POST', '/x'), undefined);
		});

		it('should remove a fault once its count is used up', () => {
			const table = new FaultTable();
			table.add(fault({ method: 'post', path: '/x', status: 500, times: 1 }));
			assert.equal(table.take('GET', '/x'), undefined);
			assert.equal(table.take('POST', '/x')?.status, 500);
			assert.equal(table.take('POST', '/x'), undefined);
			assert.deepEqual(table.list(), []);
		});
	});
});
