import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AmbiguousDepartmentError } from './ambiguous-department-error.ts';
import { DepartmentNotFoundError } from './department-not-found-error.ts';
import { normalisePhoneNumber } from './phone-number.ts';
import type { ReceivingChannel } from './receiving-channel.ts';
import { resolveDepartment } from './resolve-department.ts';
import { BILLING, DEPARTMENTS, department, SALES, SUPPORT } from './test-fixtures.ts';

describe('resolve-department', () => {
	describe('normalisePhoneNumber', () => {
		const cases: [string, string][] = [
			['+15550000001', '+15550000001'],
			['15550000001', '+15550000001'],
			['+1 555-000-0001', '+15550000001'],
			['(+1) 555.000.0001', '+15550000001'],
			['0015550000001', '+15550000001'],
			['  +34 910 00 00 02 ', '+34910000002'],
			['', ''],
			[' - ', ''],
		];
		for (const [input, expected] of cases) {
			it(`should write ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
				assert.equal(normalisePhoneNumber(input), expected);
			});
		}
	});

	describe('resolveDepartment', () => {
		const cases: [string, ReceivingChannel, string][] = [
			['a phone-number id', { by: 'phone_number_id', value: '1003' }, 'billing'],
			['a phone-number id with spaces', { by: 'phone_number_id', value: ' 1002 ' }, 'support'],
			['an E.164 number', { by: 'whatsapp_number', value: '+15550000001' }, 'sales'],
			['a number without +', { by: 'whatsapp_number', value: '15550000003' }, 'billing'],
			[
				'a number with spaces and dashes',
				{ by: 'whatsapp_number', value: '+1 555-000-0002' },
				'support',
			],
			[
				"a department's second number",
				{ by: 'whatsapp_number', value: '34 910 000 002' },
				'support',
			],
			['an inbox id', { by: 'inbox_id', value: 5 }, 'support'],
			['an inbox id as a string', { by: 'inbox_id', value: '3' }, 'billing'],
		];
		for (const [label, receiving, expected] of cases) {
			it(`should find the department by ${label}`, () => {
				assert.equal(resolveDepartment(DEPARTMENTS, receiving).key, expected);
			});
		}

		it('should throw DepartmentNotFoundError naming the value looked up and the known ones', () => {
			assert.throws(
				() => resolveDepartment(DEPARTMENTS, { by: 'whatsapp_number', value: '1 555 000 0009' }),
				(error: unknown) => {
					assert.ok(error instanceof DepartmentNotFoundError);
					assert.equal(error.code, 'ROUTING_DEPARTMENT_NOT_FOUND');
					assert.equal(error.by, 'whatsapp_number');
					assert.equal(error.value, '+15550000009');
					assert.deepEqual(
						error.known.map((k) => k.value),
						['+15550000001', '+15550000002', '+34910000002', '+15550000003'],
					);
					assert.equal(
						error.message,
						'routing: no department receives on whatsapp_number "+15550000009"; known: ' +
							'+15550000001 (sales), +15550000002 (support), +34910000002 (support), ' +
							'+15550000003 (billing)',
					);
					return true;
				},
			);
		});

		it('should list the known values of the kind looked up', () => {
			assert.throws(
				() => resolveDepartment([SALES, BILLING], { by: 'inbox_id', value: 42 }),
				/no department receives on inbox_id "42"; known: 1 \(sales\), 3 \(billing\)$/,
			);
		});

		it('should say none are configured when there are no departments', () => {
			assert.throws(
				() => resolveDepartment([], { by: 'phone_number_id', value: '1001' }),
				/known: none configured$/,
			);
		});

		it('should not match an empty number to anything', () => {
			assert.throws(
				() => resolveDepartment(DEPARTMENTS, { by: 'whatsapp_number', value: ' ' }),
				DepartmentNotFoundError,
			);
		});

		it('should throw AmbiguousDepartmentError when two departments claim the value', () => {
			const clash = department({ key: 'clash', phoneNumberIds: ['1002'] });
			assert.throws(
				() => resolveDepartment([SUPPORT, clash], { by: 'phone_number_id', value: '1002' }),
				(error: unknown) =>
					error instanceof AmbiguousDepartmentError && error.departments.join() === 'support,clash',
			);
		});
	});
});
