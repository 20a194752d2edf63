import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offerMessage, slotLabel } from './offer-message.ts';

const slot = (iso: string) => ({
	start: new Date(iso),
	end: new Date(Date.parse(iso) + 3_600_000),
});
const slots = [slot('2027-03-09T14:00:00Z'), slot('2027-03-10T15:30:00Z')];

describe('offer message', () => {
	describe('slotLabel', () => {
		it('should show the time on the customer clock, in their language, within a list row', () => {
			assert.equal(slotLabel(slots[0]!, 'en-GB', 'Europe/Madrid'), 'Tue 9 Mar, 15:00');
			assert.equal(slotLabel(slots[0]!, 'en-GB', 'America/New_York'), 'Tue 9 Mar, 09:00');
			// After the US change of 14 March 2027, the same UTC hour is an hour later in New York.
			const after = slot('2027-03-16T14:00:00Z');
			assert.equal(slotLabel(after, 'en-GB', 'America/New_York'), 'Tue 16 Mar, 10:00');
			const spanish = slotLabel(slots[0]!, 'es', 'Europe/Madrid');
			assert.match(spanish, /mar.*9.*15:00/);
			assert.ok(spanish.length <= 24);
		});
	});

	describe('offerMessage', () => {
		it('should send a WhatsApp list (input_select) with one numbered item per time', () => {
			const message = offerMessage({
				intro: 'Which time suits you?',
				slots,
				locale: 'en-GB',
				timeZone: 'Europe/Madrid',
				channel: 'Channel::Whatsapp',
			});
			assert.deepEqual(message, {
				content: 'Which time suits you?',
				content_type: 'input_select',
				content_attributes: {
					items: [
						{ title: 'Tue 9 Mar, 15:00', value: '1' },
						{ title: 'Wed 10 Mar, 16:30', value: '2' },
					],
				},
			});
		});

		it('should number the times in the text where the channel has no list', () => {
			const message = offerMessage({
				intro: 'Which time suits you?',
				slots,
				locale: 'en-GB',
				timeZone: 'Europe/Madrid',
				channel: 'Channel::FacebookPage',
			});
			assert.deepEqual(message, {
				content: 'Which time suits you?\n\n1. Tue 9 Mar, 15:00\n2. Wed 10 Mar, 16:30',
			});
		});
	});
});
