import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customerServiceWindow, messageForWindow, type TemplateMessage } from './window.ts';

const now = new Date('2026-06-01T12:00:00Z');
const template: TemplateMessage = { kind: 'template', name: 'june_promo', language: 'en' };

describe('window', () => {
	describe('customerServiceWindow', () => {
		it('should be open for 24 hours after the customer last wrote', () => {
			const window = customerServiceWindow(new Date('2026-05-31T12:00:01Z'), now);
			assert.equal(window.open, true);
			assert.equal(window.closesAt?.toISOString(), '2026-06-01T12:00:01.000Z');
		});
		it('should be closed exactly 24 hours later and when the customer never wrote', () => {
			assert.equal(customerServiceWindow(new Date('2026-05-31T12:00:00Z'), now).open, false);
			assert.deepEqual(customerServiceWindow(null, now), { open: false, closesAt: null });
		});
	});

	describe('messageForWindow', () => {
		it('should send the free-form text inside the window, with the template to fall back on', () => {
			const open = customerServiceWindow(new Date('2026-06-01T11:00:00Z'), now);
			assert.deepEqual(messageForWindow(open, { template, text: 'Hi Ana' }), {
				kind: 'text',
				body: 'Hi Ana',
				fallbackTemplate: template,
			});
		});
		it('should send only the approved template outside the window', () => {
			const closed = customerServiceWindow(null, now);
			assert.deepEqual(messageForWindow(closed, { template, text: 'Hi Ana' }), template);
		});
		it('should send nothing outside the window without a template', () => {
			assert.equal(
				messageForWindow(customerServiceWindow(null, now), { template: null, text: 'Hi' }),
				null,
			);
		});
		it('should use the template inside the window when there is no text', () => {
			const open = customerServiceWindow(new Date('2026-06-01T11:00:00Z'), now);
			assert.deepEqual(messageForWindow(open, { template, text: '  ' }), template);
		});
	});
});
