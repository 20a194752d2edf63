import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isContactUpdated, readStageChange } from './contact-update.ts';

// contact.webhook_data + event + changed_attributes, as Chatwoot sends contact_updated.
const contactUpdated = (changed: unknown, overrides: Record<string, unknown> = {}) => ({
	account: { id: 1, name: 'Northwind Fibre' },
	additional_attributes: {},
	avatar: '',
	custom_attributes: { stage: 'lost', lead_source: 'whatsapp' },
	email: null,
	id: 42,
	identifier: null,
	name: 'Maria Lopez',
	phone_number: '+34600000000',
	thumbnail: '',
	blocked: false,
	event: 'contact_updated',
	changed_attributes: changed,
	...overrides,
});

const stageChange = (previous: unknown, current: unknown) => [
	{
		custom_attributes: {
			previous_value: { lead_source: 'whatsapp', ...(previous ? { stage: previous } : {}) },
			current_value: { lead_source: 'whatsapp', stage: current },
		},
	},
	{ updated_at: { previous_value: '2026-12-06T10:00:00Z', current_value: '2026-12-06T10:01:00Z' } },
];

describe('contact-update', () => {
	describe('readStageChange', () => {
		it('should read the stage an agent picked, with the one before', () => {
			assert.deepEqual(readStageChange(contactUpdated(stageChange('qualified', 'lost'))), {
				accountId: 1,
				contactId: 42,
				previous: 'qualified',
				current: 'lost',
			});
		});

		it('should read a first stage on a contact that had none', () => {
			const change = readStageChange(contactUpdated(stageChange(undefined, 'engaged')));
			assert.equal(change?.previous, null);
			assert.equal(change?.current, 'engaged');
		});

		it('should pass on a value that is not a stage, for the caller to ignore', () => {
			assert.equal(readStageChange(contactUpdated(stageChange('new', 'won')))?.current, 'won');
		});

		it('should ignore an update of another attribute or field', () => {
			const other = [
				{
					custom_attributes: {
						previous_value: { stage: 'new', lead_source: 'other' },
						current_value: { stage: 'new', lead_source: 'whatsapp' },
					},
				},
			];
			assert.equal(readStageChange(contactUpdated(other)), null);
			const name = [{ name: { previous_value: 'Maria', current_value: 'Maria Lopez' } }];
			assert.equal(readStageChange(contactUpdated(name)), null);
		});

		it('should ignore other events, missing changes and malformed payloads', () => {
			assert.equal(readStageChange(contactUpdated(null)), null);
			assert.equal(
				readStageChange(contactUpdated(stageChange('new', 'lost'), { event: 'contact_created' })),
				null,
			);
			assert.equal(readStageChange(contactUpdated(stageChange('new', 'lost'), { id: 'x' })), null);
			assert.equal(readStageChange(undefined), null);
			assert.equal(readStageChange('contact_updated'), null);
		});

		it('should leave the account to the caller when the payload names none', () => {
			const change = readStageChange(contactUpdated(stageChange('new', 'lost'), { account: null }));
			assert.equal(change?.accountId, null);
		});
	});

	describe('isContactUpdated', () => {
		it('should tell a contact_updated from anything else', () => {
			assert.equal(isContactUpdated({ event: 'contact_updated' }), true);
			assert.equal(isContactUpdated({ event: 'message_created' }), false);
			assert.equal(isContactUpdated(null), false);
		});
	});
});
