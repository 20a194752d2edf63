import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateAccess, pathMatches, type BlueprintResource } from './pangolin-access.ts';

const resource = (overrides: Partial<BlueprintResource> = {}): BlueprintResource => ({
	name: 'r',
	mode: 'http',
	targets: [{ hostname: 'app', port: 80, method: 'http' }],
	...overrides,
});

describe('pangolin-access', () => {
	describe('pathMatches', () => {
		it('should let a bare * segment match zero or more segments', () => {
			assert.equal(pathMatches('/api/*', '/api/x/y/z'), true);
			assert.equal(pathMatches('/foo/*', '/foo'), true);
			assert.equal(pathMatches('*', '/'), true);
			assert.equal(pathMatches('/webhooks/whatsapp/*', '/webhooks/instagram'), false);
		});

		it('should keep * inside a segment within that segment', () => {
			assert.equal(pathMatches('/article*', '/article-12'), true);
			assert.equal(pathMatches('/article*', '/article/12'), false);
		});

		it('should compare whole segments, ignore the query and resolve .. and %2F first', () => {
			assert.equal(pathMatches('/bot', '/bot?hub.mode=subscribe'), true);
			assert.equal(pathMatches('/bot', '/bots'), false);
			assert.equal(pathMatches('/bot', '/bot/extra'), false);
			assert.equal(pathMatches('/webhooks/chatwoot', '/webhooks/chatwoot/../../admin'), false);
			assert.equal(pathMatches('/webhooks/*', '/webhooks%2F..%2Fadmin'), false);
		});
	});

	describe('evaluateAccess', () => {
		it('should treat a resource without any auth method as public', () => {
			assert.deepEqual(evaluateAccess(resource(), '/admin'), { outcome: 'public' });
			assert.deepEqual(evaluateAccess(resource({ auth: { 'sso-enabled': false } }), '/admin'), {
				outcome: 'public',
			});
		});

		it('should require auth when SSO is on and no rule matches', () => {
			assert.deepEqual(evaluateAccess(resource({ auth: { 'sso-enabled': true } }), '/admin'), {
				outcome: 'auth',
			});
		});

		it('should apply rules by ascending priority before auth', () => {
			const r = resource({
				auth: { 'sso-enabled': true },
				rules: [
					{ action: 'deny', match: 'path', value: '*', priority: 100 },
					{ action: 'allow', match: 'path', value: '/hooks/*', priority: 1 },
					{ action: 'pass', match: 'path', value: '/hooks/private', priority: 0 },
				],
			});
			assert.equal(evaluateAccess(r, '/hooks/a').outcome, 'allow');
			assert.equal(evaluateAccess(r, '/hooks/private').outcome, 'auth');
			assert.equal(evaluateAccess(r, '/other').outcome, 'deny');
		});

		it('should not let an ip rule decide for a path', () => {
			const r = resource({
				auth: { 'sso-enabled': true },
				rules: [{ action: 'allow', match: 'ip', value: '1.2.3.4' }],
			});
			assert.equal(evaluateAccess(r, '/').outcome, 'auth');
		});
	});
});
