import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RequestLog } from './request-log.ts';

const request = (path: string) => ({
	method: 'POST',
	path,
	query: {},
	headers: {},
	body: {},
	rawBody: '',
	time: new Date(0).toISOString(),
});

describe('RequestLog', () => {
	it('should forget the oldest requests beyond its limit', () => {
		const log = new RequestLog(2);
		log.record(request('/a'));
		log.record(request('/b'));
		log.record(request('/c'));
		assert.deepEqual(
			log.list().map((e) => e.path),
			['/b', '/c'],
		);
	});

	it('should filter by method and by path prefix', () => {
		const log = new RequestLog();
		log.record(request('/v1/messages'));
		log.record({ ...request('/v1/models'), method: 'GET' });
		assert.equal(log.list({ method: 'get' }).length, 1);
		assert.equal(log.list({ path: '/v1/*' }).length, 2);
		assert.equal(log.list({ path: '/v1/messages' }).length, 1);
	});
});
