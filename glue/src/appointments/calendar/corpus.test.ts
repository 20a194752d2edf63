// Google's recorded answers (reference corpus, recorded by other projects) read by our schemas
// and error mapping as the real client hands them over.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
	CalendarAuthError,
	CalendarError,
	CalendarRateLimitedError,
	toCalendarError,
} from './errors.ts';
import { freeBusySchema, toCalendarEvent } from './model.ts';

const CORPUS = new URL('../../../../../shared/reference/corpus/google-calendar/', import.meta.url);
const raw = (file: string) => readFileSync(new URL(file, CORPUS), 'utf8');
const json = (file: string): unknown => JSON.parse(raw(file));
/** A GaxiosError as the client throws it: the status, and the body (text when it is not JSON). */
const thrown = (status: number, data: unknown) => ({
	message: 'x',
	status,
	response: { status, data },
});

describe('Google Calendar corpus', () => {
	it('should read recorded events, timed and all-day', () => {
		const timed = toCalendarEvent(json('events.create.response.timed_tz.kde.json'));
		assert.deepEqual(
			[
				timed.id,
				timed.status,
				timed.sequence,
				timed.start?.toISOString(),
				timed.end?.toISOString(),
			],
			[
				'3if6lf59tove1e037baa75l54t',
				'confirmed',
				0,
				'2018-04-01T08:30:00.000Z',
				'2018-04-01T09:30:00.000Z',
			],
		);
		assert.equal(timed.etag, '"3044897856406000"');
		const allDay = toCalendarEvent(json('events.create.response.allday_recurring.kde.json'));
		assert.deepEqual([allDay.start, allDay.end], [null, null]);
		assert.equal(toCalendarEvent(json('events.get.response.kde.json')).id, timed.id);
		const list = json('events.list.page1.response.kde.json') as { items: unknown[] };
		assert.ok(list.items.map(toCalendarEvent).every((event) => event.id));
	});

	it('should read a recorded freeBusy answer as instants', () => {
		const parsed = freeBusySchema.parse(json('freebusy.response.kde.json'));
		assert.deepEqual(parsed.calendars.MockAccount?.busy, [
			{ start: new Date('2018-04-01T10:30:00Z'), end: new Date('2018-04-01T11:30:00Z') },
			{ start: new Date('2018-04-01T13:00:00Z'), end: new Date('2018-04-01T14:30:00Z') },
		]);
	});

	it('should classify recorded error bodies by status and reason', () => {
		const rate = toCalendarError(
			thrown(403, json('googleapis_python.error.403.rateLimitExceeded.json')),
		);
		assert.ok(rate instanceof CalendarRateLimitedError && rate.retryable);
		const user = toCalendarError(
			thrown(403, json('googleapis_python.error.403.userRateLimitExceeded.with_status.json')),
		);
		assert.ok(user instanceof CalendarRateLimitedError);
		assert.equal(user.reason, 'userRateLimitExceeded');
		const notConfigured = toCalendarError(
			thrown(403, json('googleapis_python.error.403.accessNotConfigured.json')),
		);
		assert.equal(notConfigured.reason, 'accessNotConfigured');
		assert.equal(notConfigured.retryable, false);
		// A body with a leading newline, as text.
		const required = toCalendarError(
			thrown(400, raw('googleapis_python.error.400.required.leading_newline.json')),
		);
		assert.deepEqual([required.reason, required.remoteStatus], ['required', 400]);
		assert.match(required.message, /country is required/);
		// No `errors` list at all.
		const minimal = toCalendarError(
			thrown(401, json('googleapis_python.error.401.batch_part.minimal.json')),
		);
		assert.ok(minimal instanceof CalendarAuthError);
		// Not JSON: the status alone decides.
		const broken = toCalendarError(
			thrown(403, raw('googleapis_python.error.403.list_shaped.INVALID_JSON.json')),
		);
		assert.ok(broken instanceof CalendarError && !(broken instanceof CalendarRateLimitedError));
		assert.equal(broken.reason, null);
	});
});
