import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTimeZone, sameClock, zoneCity, zoneFromPhone } from './time-zone.ts';

describe('time zone', () => {
	describe('zoneFromPhone', () => {
		it('should suggest the zone of a country that has one', () => {
			assert.equal(zoneFromPhone('+34 612 345 678'), 'Europe/Madrid');
			assert.equal(zoneFromPhone('+351912345678'), 'Europe/Lisbon');
			assert.equal(zoneFromPhone('+447700900123'), 'Europe/London');
		});

		it('should suggest nothing for a country with several zones, or no number', () => {
			assert.equal(zoneFromPhone('+15550000001'), null);
			assert.equal(zoneFromPhone('+5511999999999'), null);
			assert.equal(zoneFromPhone(''), null);
			assert.equal(zoneFromPhone(null), null);
			assert.equal(zoneFromPhone('612345678'), null);
		});
	});

	describe('sameClock', () => {
		const now = new Date('2027-01-15T12:00:00Z');
		it('should treat zones that always show the same time as one', () => {
			assert.equal(sameClock('Europe/Madrid', 'Europe/Paris', now), true);
			assert.equal(sameClock('Europe/London', 'Europe/Lisbon', now), true);
		});

		it('should tell zones apart that differ now or after a DST change', () => {
			assert.equal(sameClock('Europe/Madrid', 'America/New_York', now), false);
			// Same offset in January, not in July.
			assert.equal(sameClock('Europe/London', 'Africa/Abidjan', now), false);
		});
	});

	it('should know real zones and name their city', () => {
		assert.equal(isTimeZone('Europe/Madrid'), true);
		assert.equal(isTimeZone('Madrid'), false);
		assert.equal(isTimeZone('Mars/Olympus'), false);
		assert.equal(zoneCity('America/Argentina/Buenos_Aires'), 'Buenos Aires');
	});
});
