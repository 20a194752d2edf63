// When the daily report goes out, on an injected clock, and where its addresses come from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isReportHour, parseReportHour, reportAddresses } from './report-schedule.ts';

/** The hourly runs of one UTC day, as n8n's schedule starts them. */
const hourlyRuns = (day: string) =>
	Array.from(
		{ length: 24 },
		(_, hour) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`),
	);

describe('report-schedule', () => {
	describe('isReportHour', () => {
		it("should pick the one hourly run at 07:00 on the business's clock, not n8n's UTC", () => {
			const due = hourlyRuns('2026-07-01').filter((now) => isReportHour(now, 'Europe/Madrid', 7));
			assert.deepEqual(due, [new Date('2026-07-01T05:00:00Z')]);
		});

		it('should follow the zone across daylight saving time', () => {
			const winter = hourlyRuns('2026-12-01').filter((now) =>
				isReportHour(now, 'Europe/Madrid', 7),
			);
			assert.deepEqual(winter, [new Date('2026-12-01T06:00:00Z')]);
			// New York's clocks go back at 02:00 on 1 Nov 2026: still one 07:00, at 12:00 UTC.
			const fallBack = hourlyRuns('2026-11-01').filter((now) =>
				isReportHour(now, 'America/New_York', 7),
			);
			assert.deepEqual(fallBack, [new Date('2026-11-01T12:00:00Z')]);
		});

		it('should match a run that starts a few seconds late within the hour', () => {
			assert.equal(isReportHour(new Date('2026-07-01T05:00:04Z'), 'Europe/Madrid', 7), true);
			assert.equal(isReportHour(new Date('2026-07-01T04:59:59Z'), 'Europe/Madrid', 7), false);
		});

		it('should fail on a zone the runtime does not know, naming it', () => {
			assert.throws(() => isReportHour(new Date(), 'Mars/Olympus', 7), /"Mars\/Olympus"/);
		});
	});

	describe('parseReportHour', () => {
		it('should read a whole hour from 0 to 23, and empty as every run', () => {
			assert.equal(parseReportHour('7'), 7);
			assert.equal(parseReportHour(' 0 '), 0);
			assert.equal(parseReportHour('23'), 23);
			assert.equal(parseReportHour(''), null);
			assert.equal(parseReportHour('  '), null);
		});

		it('should refuse anything else, naming the value', () => {
			for (const text of ['24', '-1', '7.5', '07:00', 'seven']) {
				assert.throws(() => parseReportHour(text), new RegExp(`not "${text}"`), text);
			}
		});
	});

	describe('reportAddresses', () => {
		it("should take the credential's addresses, trimmed", () => {
			assert.deepEqual(
				reportAddresses({ operationsEmail: ' ops@shop.pt ', mailFrom: 'Shop <bot@shop.pt>' }),
				{ to: 'ops@shop.pt', from: 'Shop <bot@shop.pt>' },
			);
		});

		it('should name each empty field and the variable it comes from', () => {
			assert.throws(
				() => reportAddresses({ operationsEmail: '', mailFrom: undefined }),
				/no Operations Email \(SWITCHBOARD_OPERATIONS_EMAIL\) and no Mail Sender \(MAILER_SENDER_EMAIL\)/,
			);
			assert.throws(
				() => reportAddresses({ operationsEmail: 'ops@shop.pt' }),
				/no Mail Sender \(MAILER_SENDER_EMAIL\): set it in \.env/,
			);
		});
	});
});
