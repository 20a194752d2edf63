import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMessage } from './render.ts';
import { templateSchema } from './model.ts';

const template = templateSchema.parse({
	key: 'appointment_confirmed',
	language: 'en',
	body: 'See you {{appointment.weekday}} at {{appointment.time}} for your {{appointment.service}} ({{appointment.duration_minutes}} min, ref {{appointment.reference}}).',
});
const appointment = {
	service: 'Fibre installation',
	startsAt: new Date('2027-03-29T08:00:00Z'),
	endsAt: new Date('2027-03-29T09:00:00Z'),
	reference: 'A1B2C3D4',
};

describe('{{appointment.*}}', () => {
	it('should write the time in the zone the customer reads times in', () => {
		const at = (timeZone: string) =>
			renderMessage(template, { locale: 'en-US', timeZone, now: new Date(), appointment }).text;
		assert.match(
			at('Europe/Madrid'),
			/^See you Monday at 10:00\sAM for your Fibre installation \(60 min, ref A1B2C3D4\)\.$/,
		);
		assert.match(at('America/New_York'), /^See you Monday at 4:00\sAM /);
	});
});
