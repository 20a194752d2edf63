import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSimulator, type TestSimulator } from '../../../simulators/src/anthropic/testing.ts';
import { exactOption, readBookingChoice } from './read-choice.ts';

const options = ['Tue 9 Mar, 15:00', 'Wed 10 Mar, 16:30', 'Thu 11 Mar, 09:00'];
const ask = (text: string) => ({
	text,
	options,
	question: 'time' as const,
	today: 'Monday, 8 March 2027',
	model: 'claude-haiku-4-5',
});

describe('read choice', () => {
	describe('exactOption', () => {
		it('should take the title a WhatsApp list sends back, or a bare number', () => {
			assert.equal(exactOption('Wed 10 Mar, 16:30', options), 2);
			assert.equal(exactOption('  wed 10 mar, 16:30 ', options), 2);
			assert.equal(exactOption('3', options), 3);
			assert.equal(exactOption('1.', options), 1);
		});

		it('should not take a number that was not offered, or anything looser', () => {
			assert.equal(exactOption('4', options), null);
			assert.equal(exactOption('0', options), null);
			assert.equal(exactOption('', options), null);
			assert.equal(exactOption('Wednesday', options), null);
		});
	});

	describe('readBookingChoice', () => {
		let sim: TestSimulator;
		before(async () => {
			sim = await startSimulator();
		});
		after(async () => {
			await sim.server.close();
		});
		beforeEach(async () => {
			await sim.reset();
		});

		it('should not ask Claude when the answer names an option exactly', async () => {
			const choice = await readBookingChoice(sim.client(), ask('Tue 9 Mar, 15:00'));
			assert.deepEqual(choice, {
				action: 'pick',
				option: 1,
				date: null,
				weekday: null,
				part_of_day: null,
				time_zone: null,
			});
			assert.equal((await sim.requests('/v1/messages')).length, 0);
		});

		it('should ask Claude with the options listed and the option number bounded by them', async () => {
			const choice = await readBookingChoice(sim.client(), ask('Tuesday afternoon would be best'));
			const [request] = await sim.requests('/v1/messages');
			const body = request?.body as {
				system: string;
				messages: { content: string }[];
				output_config: {
					format: { type: string; schema: { properties: Record<string, unknown> } };
				};
			};
			assert.match(body.system, /1\. Tue 9 Mar, 15:00\n2\. Wed 10 Mar, 16:30/);
			assert.equal(body.messages[0]!.content, 'Tuesday afternoon would be best');
			assert.equal(body.output_config.format.type, 'json_schema');
			assert.deepEqual(Object.keys(body.output_config.format.schema.properties).sort(), [
				'action',
				'date',
				'option',
				'part_of_day',
				'time_zone',
				'weekday',
			]);
			assert.equal(choice.action, 'wish');
			assert.equal(choice.weekday, 'tuesday');
			assert.equal(choice.part_of_day, 'afternoon');
			assert.equal(choice.date, null, 'a date that is not YYYY-MM-DD is dropped, not guessed');
		});

		it('should read a cancellation', async () => {
			const choice = await readBookingChoice(
				sim.client(),
				ask("Sorry, I can't make it, please cancel"),
			);
			assert.equal(choice.action, 'cancel');
		});

		it('should call an answer it cannot place unclear', async () => {
			const choice = await readBookingChoice(sim.client(), ask('hmm'));
			assert.equal(choice.action, 'unclear');
		});
	});
});
