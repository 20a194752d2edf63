import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateBroadcast, estimateText } from './estimate.ts';
import {
	scheduleProblems,
	statusChangeProblem,
	type ScheduleCheckInput,
} from './schedule-check.ts';

const now = new Date('2026-06-01T12:00:00Z');
const approvedTemplate = {
	id: 7,
	key: 'june_promo',
	language: 'en',
	channel: 'whatsapp_template',
	status: 'published',
	body: 'Hi {{contact.first_name}}, June offer. Reply {{broadcast.opt_out_word}} to stop.',
	fallbacks: { 'contact.first_name': 'there' },
	whatsapp_template_name: 'june_promo',
	whatsapp_language_code: 'en',
	whatsapp_category: 'MARKETING',
	whatsapp_parameters: [
		{ component: 'body', position: 1, variable: 'contact.first_name' },
		{ component: 'body', position: 2, variable: 'broadcast.opt_out_word' },
	],
};
const input = (overrides: Partial<ScheduleCheckInput> = {}): ScheduleCheckInput => ({
	templateKey: 'june_promo',
	templates: [approvedTemplate],
	approved: new Map(),
	phoneNumberIds: ['1000001'],
	groupCount: 1,
	startsAt: new Date('2026-06-01T13:00:00Z'),
	now,
	estimate: estimateBroadcast({
		recipients: 10,
		excluded: 1,
		ratePerSecond: 80,
		outsideWindow: 10,
		messagingLimit: 250,
	}),
	...overrides,
});

describe('schedule-check', () => {
	describe('scheduleProblems', () => {
		it('should find nothing wrong with a ready broadcast', () => {
			assert.deepEqual(scheduleProblems(input()), []);
		});
		it('should ask for a start time, and refuse one in the past', () => {
			assert.deepEqual(scheduleProblems(input({ startsAt: null })), [
				'Set when it starts (Scheduled at).',
			]);
			assert.match(
				scheduleProblems(input({ startsAt: new Date('2026-06-01T11:00:00Z') }))[0] ?? '',
				/in the past/,
			);
		});
		it('should refuse a template without an approved WhatsApp version', () => {
			const session = { ...approvedTemplate, channel: 'whatsapp_session', whatsapp_parameters: [] };
			assert.match(
				scheduleProblems(input({ templates: [session] })).join(' '),
				/no WhatsApp template version/,
			);
			assert.match(
				scheduleProblems(input({ templates: [] })).join(' '),
				/no published message template 'june_promo'/,
			);
		});
		it("should pass on the templates module's words for a broken template", () => {
			const broken = { ...approvedTemplate, body: 'Hi {{contact.frist_name}}' };
			assert.match(
				scheduleProblems(input({ templates: [broken] })).join(' '),
				/contact\.frist_name/,
			);
		});
		it('should refuse empty groups and no groups', () => {
			assert.deepEqual(scheduleProblems(input({ groupCount: 0 })), [
				'Choose at least one recipient group.',
			]);
			const nobody = estimateBroadcast({
				recipients: 0,
				excluded: 2,
				ratePerSecond: 80,
				outsideWindow: 0,
				messagingLimit: null,
			});
			assert.match(scheduleProblems(input({ estimate: nobody })).join(' '), /nobody to send to/);
		});
		it("should refuse more people outside the window than the portfolio's limit", () => {
			const big = estimateBroadcast({
				recipients: 300,
				excluded: 0,
				ratePerSecond: 80,
				outsideWindow: 300,
				messagingLimit: 250,
			});
			assert.match(scheduleProblems(input({ estimate: big })).join(' '), /more than the 250 a day/);
		});
	});

	describe('statusChangeProblem', () => {
		it('should let marketing schedule, cancel and archive', () => {
			assert.equal(statusChangeProblem('draft', 'scheduled'), null);
			assert.equal(statusChangeProblem('processing', 'cancelled'), null);
			assert.equal(statusChangeProblem('sent', 'archived'), null);
		});
		it('should refuse going back from sent, or anything after archived', () => {
			assert.match(statusChangeProblem('sent', 'scheduled') ?? '', /can only become archived/);
			assert.match(statusChangeProblem('archived', 'draft') ?? '', /cannot change/);
		});
	});

	describe('estimateBroadcast', () => {
		it('should give the time at the rate and the share of the messaging limit', () => {
			const estimate = estimateBroadcast({
				recipients: 10_000,
				excluded: 12,
				ratePerSecond: 80,
				outsideWindow: 4_000,
				messagingLimit: 10_000,
			});
			assert.equal(estimate.seconds, 125);
			assert.equal(estimate.limitShare, 0.4);
			assert.equal(
				estimateText(estimate),
				'Goes to 10000 people (12 left out: opted out). Takes about 3 min at 80 messages a second. Uses 40% of the 10000 people a day WhatsApp allows outside the 24-hour window.',
			);
		});
		it('should have no share when the limit is unlimited', () => {
			assert.equal(
				estimateBroadcast({
					recipients: 1,
					excluded: 0,
					ratePerSecond: 0,
					outsideWindow: 1,
					messagingLimit: null,
				}).limitShare,
				null,
			);
		});
	});
});
