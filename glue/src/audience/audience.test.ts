import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { e164, resolveAudience, type AudienceMember } from './audience.ts';

const member = (overrides: Partial<AudienceMember> = {}): AudienceMember => ({
	recipientId: '1',
	phone: '+34600111222',
	name: 'Ana',
	language: 'es',
	chatwootContactId: null,
	...overrides,
});

describe('audience', () => {
	describe('e164', () => {
		it('should keep digits and add the plus', () => {
			assert.equal(e164('+34 600-111 222'), '+34600111222');
			assert.equal(e164('34600111222'), '+34600111222');
		});
		it('should refuse what cannot be a number', () => {
			assert.equal(e164(''), null);
			assert.equal(e164('+0123'), null);
			assert.equal(e164(undefined), null);
		});
	});

	describe('resolveAudience', () => {
		it('should reach each phone once, a listed recipient before a label-defined contact', () => {
			const audience = resolveAudience({
				listed: [
					{ ...member(), optedOutAt: null },
					{ ...member({ recipientId: '2' }), optedOutAt: null },
				],
				derived: [member({ recipientId: 'contact:9', phone: '34600111222', language: null })],
				optedOut: new Set(),
				isSuppressed: () => false,
			});
			assert.deepEqual(audience.members, [member()]);
			assert.equal(audience.excluded, 0);
		});
		it('should leave out the opted-out and the suppressed, wherever they came from', () => {
			const audience = resolveAudience({
				listed: [
					{ ...member(), optedOutAt: '2026-05-01T00:00:00Z' },
					{ ...member({ recipientId: '2', phone: '+34600000002' }), optedOutAt: null },
				],
				derived: [
					member({ recipientId: 'contact:3', phone: '+34600000003' }),
					member({ recipientId: 'contact:4', phone: '+34600000004' }),
				],
				optedOut: new Set(['+34600000003']),
				isSuppressed: (phone) => phone === '+34600000002',
			});
			assert.deepEqual(
				audience.members.map((m) => m.recipientId),
				['contact:4'],
			);
			assert.equal(audience.excluded, 3);
		});
	});
});
