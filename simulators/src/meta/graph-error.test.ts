import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metaErrorBody } from './graph-error.ts';

describe('graph-error', () => {
	describe('metaErrorBody', () => {
		it('should write the fields in Meta order and default the type to OAuthException', () => {
			const body = metaErrorBody(
				{
					message: '(#131056) pair rate limit hit',
					code: 131056,
					error_subcode: 2494055,
					error_data: { x: 1 },
				},
				'Atrace',
			);
			assert.equal(
				JSON.stringify(body),
				'{"error":{"message":"(#131056) pair rate limit hit","type":"OAuthException","code":131056,' +
					'"error_subcode":2494055,"error_data":{"x":1},"fbtrace_id":"Atrace"}}',
			);
		});

		it('should leave out optional fields when they are not given', () => {
			const body = JSON.parse(
				JSON.stringify(metaErrorBody({ message: 'm', code: 1, type: 'GraphMethodException' }, 't')),
			);
			assert.deepEqual(body, {
				error: { message: 'm', type: 'GraphMethodException', code: 1, fbtrace_id: 't' },
			});
		});
	});
});
