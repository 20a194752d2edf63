import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openingPhrase, resolveLanguage } from './opening-phrase.ts';

const MONDAY_NINE = new Date('2026-06-01T07:00:00Z'); // 09:00 in Madrid
const SUNDAY_ONE_PM = new Date('2026-06-07T11:00:00Z'); // 13:00 in Madrid
const MONDAY_ONE_AM = new Date('2026-05-31T23:15:00Z'); // 01:15 in Madrid

describe('opening-phrase', () => {
	describe('openingPhrase', () => {
		const cases: [string | null | undefined, Date, string][] = [
			['en', MONDAY_NINE, 'Monday at 09:00'],
			['en-US', SUNDAY_ONE_PM, 'Sunday at 13:00'],
			['es', MONDAY_NINE, 'lunes a las 09:00'],
			['es-MX', SUNDAY_ONE_PM, 'domingo a las 13:00'],
			['es', MONDAY_ONE_AM, 'lunes a la 01:15'],
			['pt-BR', MONDAY_NINE, 'segunda-feira às 09:00'],
			['fr', MONDAY_NINE, 'lundi à 09:00'],
			['de', MONDAY_NINE, 'Montag um 09:00'],
			[undefined, MONDAY_NINE, 'Monday at 09:00'],
			[null, MONDAY_NINE, 'Monday at 09:00'],
			['', MONDAY_NINE, 'Monday at 09:00'],
			['not a language!', MONDAY_NINE, 'Monday at 09:00'],
		];
		for (const [language, at, expected] of cases) {
			it(`should say "${expected}" for language ${JSON.stringify(language)}`, () => {
				assert.equal(openingPhrase(at, 'Europe/Madrid', language), expected);
			});
		}

		it("should fall back to Intl's own weekday and time for other languages", () => {
			const phrase = openingPhrase(MONDAY_NINE, 'Europe/Madrid', 'it');
			assert.match(phrase, /lunedì/);
			assert.match(phrase, /09:00/);
		});

		it('should write the time on the business wall clock', () => {
			assert.equal(openingPhrase(MONDAY_NINE, 'America/New_York', 'en'), 'Monday at 03:00');
		});
	});

	describe('resolveLanguage', () => {
		it('should canonicalise a tag and fall back to English for an unusable one', () => {
			assert.equal(resolveLanguage('ES-mx'), 'es-MX');
			assert.equal(resolveLanguage('  '), 'en');
			assert.equal(resolveLanguage('español'), 'en');
		});
	});
});
