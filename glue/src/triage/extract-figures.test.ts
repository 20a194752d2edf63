import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFigures, type Figure } from './extract-figures.ts';

/** The figures as `kind:text` pairs, the easiest form to read in a failing test. */
const found = (text: string) => extractFigures(text).map((f) => `${f.kind}:${f.text}`);
const only = (text: string): Figure => {
	const figures = extractFigures(text);
	assert.equal(figures.length, 1, `expected one figure in ${JSON.stringify(text)}: ${found(text)}`);
	return figures[0] as Figure;
};
const valueOf = (text: string) => {
	const figure = only(text);
	assert.ok('value' in figure, `${figure.kind} has no value`);
	return figure.value;
};

describe('extract-figures', () => {
	describe('extractFigures', () => {
		it('should find nothing in an empty reply or one without figures', () => {
			assert.deepEqual(extractFigures(''), []);
			assert.deepEqual(extractFigures('   '), []);
			assert.deepEqual(extractFigures('Thanks, an agent will write to you shortly.'), []);
		});

		it('should read currency amounts with the symbol or code before or after', () => {
			assert.deepEqual(found('$29.99, 29.99 USD, €5, 5€, US$10, R$ 99,90, 12 euros, EUR 3'), [
				'money:$29.99',
				'money:29.99 USD',
				'money:€5',
				'money:5€',
				'money:US$10',
				'money:R$ 99,90',
				'money:12 euros',
				'money:EUR 3',
			]);
		});

		it('should give "$29.99", "29.99" and "29,99 €" the same value', () => {
			assert.equal(valueOf('$29.99'), 29.99);
			assert.equal(valueOf('29.99'), 29.99);
			assert.equal(valueOf('29,99 €'), 29.99);
		});

		it('should read a Spanish decimal comma and thousands dot', () => {
			const figure = only('Cuesta 1.299,50 € al año');
			assert.deepEqual(figure, { kind: 'money', text: '1.299,50 €', value: 1299.5 });
		});

		it('should give "1,000" and "1000" the same value', () => {
			assert.equal(valueOf('1,000'), 1000);
			assert.equal(valueOf('1000'), 1000);
			assert.equal(valueOf('1.000'), 1000);
		});

		it('should read percentages written with a sign or a word', () => {
			assert.deepEqual(found('20% off, 15 % more, 10 por ciento, 5 percent'), [
				'percent:20%',
				'percent:15 %',
				'percent:10 por ciento',
				'percent:5 percent',
			]);
		});

		it('should keep a one-digit amount or percentage but drop a one-digit plain number', () => {
			assert.deepEqual(found('5 days, 5%, $5, 24 hours, 1.5 GB'), [
				'percent:5%',
				'money:$5',
				'number:24',
				'number:1.5',
			]);
		});

		it('should read ISO, numeric and written dates', () => {
			assert.deepEqual(
				found(
					'2026-11-30, 30/11/2026, 30.11.2026, 30/11, 30 de noviembre de 2026, November 30, 2026, Nov. 5, 1er janvier, 30. November',
				),
				[
					'date:2026-11-30',
					'date:30/11/2026',
					'date:30.11.2026',
					'date:30/11',
					'date:30 de noviembre de 2026',
					'date:November 30, 2026',
					'date:Nov. 5',
					'date:1er janvier',
					'date:30. November',
				],
			);
		});

		it('should keep both readings of an ambiguous numeric date', () => {
			assert.deepEqual(only('05/06/2026'), {
				kind: 'date',
				text: '05/06/2026',
				dates: [
					{ year: 2026, month: 6, day: 5 },
					{ year: 2026, month: 5, day: 6 },
				],
			});
			assert.deepEqual(only('12/30/26'), {
				kind: 'date',
				text: '12/30/26',
				dates: [{ year: 2026, month: 12, day: 30 }],
			});
		});

		it('should read a date without a year as one with a null year', () => {
			assert.deepEqual(only('hasta el 3 de marzo'), {
				kind: 'date',
				text: '3 de marzo',
				dates: [{ year: null, month: 3, day: 3 }],
			});
		});

		it('should not take "30.11" or an impossible date for a date', () => {
			assert.deepEqual(found('29.99 and 31/02 and 45/13'), [
				'number:29.99',
				'number:31',
				'number:02',
				'number:45',
				'number:13',
			]);
		});

		it('should read times in 24-hour and am/pm forms as minutes of the day', () => {
			const minutes = (text: string) => {
				const figure = only(text);
				assert.equal(figure.kind, 'time');
				return figure.kind === 'time' ? figure.minutes : -1;
			};
			assert.equal(minutes('09:00'), 540);
			assert.equal(minutes('9:00'), 540);
			assert.equal(minutes('6pm'), 18 * 60);
			assert.equal(minutes('6 p.m.'), 18 * 60);
			assert.equal(minutes('9:30 am'), 570);
			assert.equal(minutes('12am'), 0);
			assert.equal(minutes('9h30'), 570);
		});

		it('should read a time followed by punctuation as a time, a colon included', () => {
			assert.deepEqual(found('The offer ends at 23:59: hurry'), ['time:23:59']);
			assert.deepEqual(found('at 23:59, 23:59. 23:59; (23:59) 9:30 pm: 9h30:'), [
				'time:23:59',
				'time:23:59',
				'time:23:59',
				'time:23:59',
				'time:9:30 pm',
				'time:9h30',
			]);
			const evening = only('Open until 9:30 pm: come by');
			assert.equal(evening.kind === 'time' && evening.minutes, 21 * 60 + 30);
		});

		it('should not read a time in three colon-separated numbers or a ratio', () => {
			assert.deepEqual(found('12:30:45 and 16:9'), [
				'number:12',
				'number:30',
				'number:45',
				'number:16',
			]);
		});

		it('should read an opening-hours range as two times', () => {
			assert.deepEqual(found('Mon 09:00-18:00'), ['time:09:00', 'time:18:00']);
		});

		it('should read an international phone number as one figure, whatever its spacing', () => {
			assert.deepEqual(only('Call +34 912 345 678.'), {
				kind: 'phone',
				text: '+34 912 345 678',
				digits: '34912345678',
			});
		});

		it('should ignore digits inside links, e-mail addresses and record ids', () => {
			assert.deepEqual(
				found('See https://acme.example/promo/2026, write to sales2026@acme.example, faq:12'),
				[],
			);
		});

		it('should not read digits glued to letters as numbers', () => {
			assert.deepEqual(found('Model A320 and 4G'), []);
		});

		it('should read an order number the customer wrote like any plain number', () => {
			assert.deepEqual(found('Mi pedido #12345 no llegó'), ['number:12345']);
		});

		it('should list figures in reading order', () => {
			assert.deepEqual(found('From 30/11 at 9:00 for $10'), [
				'date:30/11',
				'time:9:00',
				'money:$10',
			]);
		});
	});
});
