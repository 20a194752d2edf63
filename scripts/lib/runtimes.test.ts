import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNodeVersion, locateRuntimes, readPins } from './runtimes.ts';
import { StackError } from './stack-error.ts';

describe('runtimes', () => {
	describe('readPins', () => {
		it('should read KEY=value lines and skip comments', () => {
			assert.deepEqual(
				readPins('# n8n\nN8N_VERSION=2.41.0\n\nDIRECTUS_VERSION=11.17.4 # pinned\n'),
				{
					N8N_VERSION: '2.41.0',
					DIRECTUS_VERSION: '11.17.4',
				},
			);
		});

		it('should pin n8n 2.41.0 and Directus 11.17.x, as DESIGN.md decides', () => {
			const pins = readPins();
			assert.equal(pins.N8N_VERSION, '2.41.0');
			assert.match(pins.DIRECTUS_VERSION ?? '', /^11\.17\.\d+$/);
		});
	});

	describe('locateRuntimes', () => {
		it('should name the command to run when a runtime is missing', () => {
			assert.throws(
				() => locateRuntimes({ SWITCHBOARD_CACHE: '/nonexistent/cache' }),
				(err: unknown) =>
					err instanceof StackError &&
					/^n8n 2\.41\.0 is not installed in .*: run `npm run runtimes`/.test(err.message),
			);
		});
	});

	describe('assertNodeVersion', () => {
		it('should refuse Node 20 with one line saying what to do', () => {
			assert.throws(() => assertNodeVersion('20.20.2'), /needs Node >= 24 \(this is 20\.20\.2\)/);
		});

		it('should accept Node 24', () => {
			assertNodeVersion('24.21.0');
		});
	});
});
