// When the daily dead-letter report goes out, and to whom. n8n's clock is UTC and the business's
// time zone lives in Directus only, so workflow 04 runs hourly and the report is built in the one
// run whose hour, on the business's wall clock, is the chosen one (DST included). The addresses
// come from the .env through the Switchboard log credential, never from the workflow.
import { credentialMailAddresses } from '../common/mail-addresses.ts';
import { wallClock } from '../common/zoned-time.ts';

/**
 * The chosen local hour (0–23), or null for "every run" when `text` is empty.
 * Throws a RangeError naming the value otherwise.
 */
export function parseReportHour(text: string): number | null {
	const trimmed = text.trim();
	if (trimmed === '') return null;
	const hour = Number(trimmed);
	if (!/^\d{1,2}$/.test(trimmed) || hour > 23) {
		throw new RangeError(
			`housekeeping: the report's local hour must be a whole number from 0 to 23 (or empty for every run), not "${text}"`,
		);
	}
	return hour;
}

/**
 * Whether the wall clock in `timeZone` shows `hour` at `now`, so one hourly run a day builds the
 * report (zones change their clocks at night, so a morning hour comes once a day all year).
 *
 * @example
 * isReportHour(new Date('2026-07-01T05:00:00Z'), 'Europe/Madrid', 7); // true (07:00 CEST)
 */
export function isReportHour(now: Date, timeZone: string, hour: number): boolean {
	return wallClock(now, timeZone).hour === hour;
}

export interface ReportAddresses {
	/** Who gets the report (SWITCHBOARD_OPERATIONS_EMAIL). */
	to: string;
	/** Its sender (MAILER_SENDER_EMAIL), e.g. `Switchboard <switchboard@example.com>`. */
	from: string;
}

/** The report's addresses from the credential's fields; throws naming what is empty and its home. */
export function reportAddresses(fields: {
	operationsEmail?: string;
	mailFrom?: string;
}): ReportAddresses {
	const addresses = credentialMailAddresses(
		{ to: fields.operationsEmail, mailFrom: fields.mailFrom },
		'Operations Email (SWITCHBOARD_OPERATIONS_EMAIL)',
	);
	if ('missing' in addresses) throw new Error(`housekeeping: ${addresses.missing}`);
	return addresses;
}
