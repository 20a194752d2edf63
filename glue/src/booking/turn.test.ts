import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import { startSimulator, type TestSimulator } from '../../../simulators/src/anthropic/testing.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import type { AppointmentView, BookingBackend, BookingOutcome, BookingService } from './backend.ts';
import { loadBookingState } from './state.ts';
import {
	handleBookingTurn,
	type BookingDeps,
	type BookingTurnInput,
	type RenderRequest,
} from './turn.ts';

const HOUR = 3_600_000;
const service: BookingService = {
	id: 'installation_visit',
	name: 'Installation visit',
	durationMinutes: 60,
	bufferBeforeMinutes: 0,
	bufferAfterMinutes: 15,
	calendarId: 'installations@example.com',
	department: 'sales',
	active: true,
};
// Tuesday 9, Wednesday 10 (afternoon) and Thursday 11 March 2027, New York time (UTC-5).
const free = ['2027-03-09T15:00:00Z', '2027-03-10T19:00:00Z', '2027-03-11T14:00:00Z'].map(
	(iso) => ({ start: new Date(iso), end: new Date(Date.parse(iso) + HOUR) }),
);

function appointmentAt(start: Date, status = 'confirmed'): AppointmentView {
	return {
		id: '6f1c2c1e-0000-4000-8000-000000000001',
		serviceId: service.id,
		status,
		startsAt: start,
		endsAt: new Date(start.getTime() + HOUR),
		accountId: 1,
		contactId: 7,
		conversationId: 42,
		language: 'en',
		customerName: 'Ann Lee',
		customerTimeZone: null,
		facts: {
			service: service.name,
			startsAt: start,
			endsAt: new Date(start.getTime() + HOUR),
			reference: 'A1B2C3D4',
		},
	};
}

/** The appointments core at its seam: records what it was asked, answers as told. */
function fakeBackend() {
	const calls: string[] = [];
	let bookAnswer: ((start: Date) => BookingOutcome) | null = null;
	let upcoming: AppointmentView | null = null;
	let slots = free;
	const backend: BookingBackend = {
		async freeTimes(_service, { limit, after }) {
			calls.push(`freeTimes ${limit}${after ? ` after ${after.toISOString()}` : ''}`);
			return slots.filter((slot) => !after || slot.start >= after).slice(0, limit);
		},
		async hold(_service, start) {
			calls.push(`hold ${start.toISOString()}`);
			return { ok: true, appointment: appointmentAt(start, 'held') };
		},
		async book(_service, start, customer) {
			calls.push(`book ${start.toISOString()} ${customer.timeZone}`);
			return bookAnswer ? bookAnswer(start) : { ok: true, appointment: appointmentAt(start) };
		},
		async reschedule(id, _service, start) {
			calls.push(`reschedule ${id} ${start.toISOString()}`);
			return { ok: true, appointment: appointmentAt(start, 'rescheduled') };
		},
		async cancel(id, reason) {
			calls.push(`cancel ${id} ${reason}`);
			return appointmentAt(upcoming?.startsAt ?? free[0]!.start, 'cancelled');
		},
		async upcoming() {
			return upcoming;
		},
		async get() {
			return upcoming;
		},
	};
	return {
		backend,
		calls,
		answerBook: (answer: (start: Date) => BookingOutcome) => (bookAnswer = answer),
		setUpcoming: (appointment: AppointmentView | null) => (upcoming = appointment),
		setFree: (list: typeof free) => (slots = list),
	};
}

describe('handleBookingTurn', () => {
	let database: TestDatabase;
	let pool: pg.Pool;
	let sim: TestSimulator;
	let fake: ReturnType<typeof fakeBackend>;
	let events: string[];
	let rendered: RenderRequest[];

	const deps = (): BookingDeps => ({
		db: pool,
		backend: fake.backend,
		claude: sim.client(),
		model: 'claude-haiku-4-5',
		render: async (request) => {
			rendered.push(request);
			return `[${request.key}]`;
		},
		after: async (event, appointment) => {
			events.push(`${event} ${appointment.startsAt.toISOString()}`);
		},
		now: () => new Date('2027-03-08T12:00:00Z'),
	});
	const message = (overrides: Partial<BookingTurnInput> = {}): BookingTurnInput => ({
		accountId: 1,
		contactId: 7,
		conversationId: 42,
		channel: 'Channel::Whatsapp',
		language: 'en',
		text: 'I would like to book an installation visit',
		phone: '+15550100200',
		name: 'Ann Lee',
		email: 'ann@example.com',
		request: null,
		department: 'sales',
		businessTimeZone: 'America/New_York',
		services: [service],
		rules: { optionsToOffer: 3, reminderOffsetsMinutes: [1440, 120] },
		...overrides,
	});

	before(async () => {
		database = await createTestDatabase();
		pool = database.pool();
		await migrate(pool);
		sim = await startSimulator();
	});
	after(async () => {
		await sim.server.close();
		await database.drop();
	});
	beforeEach(async () => {
		await pool.query('truncate sb_booking_conversations');
		await sim.reset();
		fake = fakeBackend();
		events = [];
		rendered = [];
	});

	it('should offer free times as a WhatsApp list, then book the one tapped, even after a restart', async () => {
		const offered = await handleBookingTurn(deps(), message({ request: 'book' }));
		assert.equal(offered.outcome, 'offered');
		assert.deepEqual(offered.messages, [
			{
				content: '[booking_offer]',
				content_type: 'input_select',
				content_attributes: {
					items: [
						{ title: 'Tue, Mar 9, 10:00', value: '1' },
						{ title: 'Wed, Mar 10, 14:00', value: '2' },
						{ title: 'Thu, Mar 11, 09:00', value: '3' },
					],
				},
			},
		]);
		const state = await loadBookingState(pool, 42);
		assert.equal(state?.state, 'offering');
		assert.deepEqual(
			state?.offered.map(({ start, end }) => ({ start, end })),
			free,
		);
		assert.deepEqual(
			state?.offered.map((slot) => slot.label),
			['Tue, Mar 9, 10:00', 'Wed, Mar 10, 14:00', 'Thu, Mar 11, 09:00'],
			'what the customer saw',
		);

		// A new deps object: nothing but Postgres remembers what was offered.
		const booked = await handleBookingTurn(deps(), message({ text: 'Wed, Mar 10, 14:00' }));
		assert.equal(booked.outcome, 'booked');
		assert.deepEqual(booked.messages, [{ content: '[appointment_confirmed]' }]);
		assert.deepEqual(fake.calls, ['freeTimes 3', 'book 2027-03-10T19:00:00.000Z America/New_York']);
		assert.deepEqual(events, ['booked 2027-03-10T19:00:00.000Z']);
		assert.equal((await loadBookingState(pool, 42))?.state, 'done');
		assert.equal(rendered.at(-1)?.appointment?.service, 'Installation visit');
		assert.equal((await sim.requests('/v1/messages')).length, 0, 'an exact pick needs no Claude');
	});

	it('should read an answer against the options as shown, whatever language the triage saw in it', async () => {
		await handleBookingTurn(deps(), message({ request: 'book' }));
		const booked = await handleBookingTurn(
			deps(),
			message({ text: 'Thu, Mar 11, 09:00', language: 'es' }),
		);
		assert.equal(booked.outcome, 'booked');
		assert.deepEqual(events, ['booked 2027-03-11T14:00:00.000Z']);
	});

	it('should offer the next times when the chosen one was taken meanwhile', async () => {
		await handleBookingTurn(deps(), message({ request: 'book' }));
		const next = [
			{ start: new Date('2027-03-12T15:00:00Z'), end: new Date('2027-03-12T16:00:00Z') },
		];
		fake.answerBook(() => ({ ok: false, reason: 'taken', alternatives: next }));
		const again = await handleBookingTurn(deps(), message({ text: '1' }));
		assert.equal(again.outcome, 'offered');
		assert.equal(again.messages[0]?.content, '[booking_offer_again]');
		assert.deepEqual(again.messages[0]?.content_attributes?.items, [
			{ title: 'Fri, Mar 12, 10:00', value: '1' },
		]);
		assert.deepEqual(
			(await loadBookingState(pool, 42))?.offered.map(({ start, end }) => ({ start, end })),
			next,
		);
		assert.deepEqual(events, []);
	});

	it('should ask a customer abroad which time zone to use, and show the times in it', async () => {
		const input = message({
			request: 'book',
			channel: 'Channel::FacebookPage',
			phone: '+34612345678',
			language: 'es',
		});
		const asked = await handleBookingTurn(deps(), input);
		assert.equal(asked.outcome, 'asked_time_zone');
		assert.deepEqual(asked.messages, [
			{ content: '[booking_time_zone]\n\n1. Madrid\n2. New York' },
		]);

		const offered = await handleBookingTurn(deps(), { ...input, request: null, text: 'Madrid' });
		assert.equal(offered.outcome, 'offered');
		// 15:00 UTC is 16:00 in Madrid; Spanish day and month names.
		assert.match(offered.messages[0]?.content ?? '', /\n1\. mar.*9.*16:00\n/);
		assert.equal((await loadBookingState(pool, 42))?.customerTimeZone, 'Europe/Madrid');
	});

	it('should cancel the next appointment when the customer cannot make it', async () => {
		fake.setUpcoming(appointmentAt(free[0]!.start));
		const result = await handleBookingTurn(
			deps(),
			message({ request: 'change', text: "Sorry, I can't make it, please cancel" }),
		);
		assert.equal(result.outcome, 'cancelled');
		assert.deepEqual(result.messages, [{ content: '[appointment_cancelled]' }]);
		assert.deepEqual(events, ['cancelled 2027-03-09T15:00:00.000Z']);
		assert.match(fake.calls.join('\n'), /^cancel 6f1c2c1e/m);
	});

	it('should offer new times to move an appointment, and move it to the one picked', async () => {
		fake.setUpcoming(appointmentAt(free[0]!.start));
		const offered = await handleBookingTurn(
			deps(),
			message({ request: 'change', text: 'Can I move my appointment to another day?' }),
		);
		assert.equal(offered.outcome, 'offered');
		const items = offered.messages[0]?.content_attributes?.items ?? [];
		const moved = await handleBookingTurn(deps(), message({ text: items.at(-1)?.title ?? '' }));
		assert.equal(moved.outcome, 'rescheduled');
		assert.deepEqual(moved.messages, [{ content: '[appointment_rescheduled]' }]);
		assert.deepEqual(events, ['rescheduled 2027-03-11T14:00:00.000Z']);
	});

	it('should cancel a booked appointment on a bare "I can\'t make it"', async () => {
		fake.setUpcoming(appointmentAt(free[1]!.start));
		const result = await handleBookingTurn(
			deps(),
			message({ request: 'change', text: "I can't make it" }),
		);
		assert.equal(result.outcome, 'cancelled');
		assert.deepEqual(result.messages, [{ content: '[appointment_cancelled]' }]);
		assert.deepEqual(events, ['cancelled 2027-03-10T19:00:00.000Z']);
		assert.ok(!fake.calls.some((call) => call.startsWith('freeTimes')), 'no times offered');
		const [request] = await sim.requests('/v1/messages');
		const body = request?.body as { system: string; output_config: { format: { schema: object } } };
		assert.match(
			body.system,
			/has this appointment booked.*\n1\. Installation visit, Wed, Mar 10, 14:00/s,
		);
		assert.deepEqual(
			(body.output_config.format.schema as { properties: { action: { enum: string[] } } })
				.properties.action.enum,
			['cancel', 'reschedule', 'unclear'],
			'only what can be done with a booked appointment',
		);
	});

	it('should offer the day asked for to move an appointment to', async () => {
		fake.setUpcoming(appointmentAt(free[0]!.start));
		const offered = await handleBookingTurn(
			deps(),
			message({ request: 'change', text: 'Can we move it to Thursday?' }),
		);
		assert.equal(offered.outcome, 'offered');
		assert.equal(offered.messages[0]?.content, '[booking_offer]');
		assert.deepEqual(offered.messages[0]?.content_attributes?.items, [
			{ title: 'Thu, Mar 11, 09:00', value: '1' },
		]);
		const moved = await handleBookingTurn(deps(), message({ text: '1' }));
		assert.equal(moved.outcome, 'rescheduled');
		assert.match(fake.calls.join('\n'), /^reschedule 6f1c2c1e\S* 2027-03-11T14:00:00.000Z$/m);
		assert.deepEqual(events, ['rescheduled 2027-03-11T14:00:00.000Z']);
	});

	it('should search past the first page of free times for the day asked for', async () => {
		// Hourly times round the clock from Monday 8 March: Thursday is past the first 60.
		const hourly = Array.from({ length: 24 * 7 }, (_, hour) => {
			const start = new Date(Date.parse('2027-03-08T13:00:00Z') + hour * HOUR);
			return { start, end: new Date(start.getTime() + HOUR) };
		});
		fake.setFree(hourly);
		fake.setUpcoming(appointmentAt(free[0]!.start));
		const offered = await handleBookingTurn(
			deps(),
			message({ request: 'change', text: 'Can we move it to Thursday?' }),
		);
		assert.deepEqual(
			offered.messages[0]?.content_attributes?.items.map((item) => item.title),
			['Thu, Mar 11, 00:00', 'Thu, Mar 11, 01:00', 'Thu, Mar 11, 02:00'],
		);
		assert.equal(fake.calls.filter((call) => call.startsWith('freeTimes 60')).length, 2);
	});

	it('should ask whether to move or cancel when the wish to change is not clear, and act on the answer', async () => {
		fake.setUpcoming(appointmentAt(free[0]!.start));
		const asked = await handleBookingTurn(
			deps(),
			message({ request: 'change', text: 'About my appointment' }),
		);
		assert.equal(asked.outcome, 'asked_change');
		assert.deepEqual(asked.messages, [{ content: '[booking_move_or_cancel]' }]);
		assert.equal(rendered.at(-1)?.appointment?.service, 'Installation visit');
		const state = await loadBookingState(pool, 42);
		assert.deepEqual(
			[state?.state, state?.appointmentId],
			['managing', appointmentAt(free[0]!.start).id],
		);
		assert.deepEqual(events, []);

		const cancelled = await handleBookingTurn(deps(), message({ text: 'Please cancel it' }));
		assert.equal(cancelled.outcome, 'cancelled');
		assert.deepEqual(events, ['cancelled 2027-03-09T15:00:00.000Z']);
		assert.equal((await loadBookingState(pool, 42))?.state, 'done');
	});

	it('should ask which service when the department offers several, then offer its times', async () => {
		const consultation: BookingService = {
			...service,
			id: 'consultation',
			name: 'Consultation',
			durationMinutes: 30,
		};
		const services = [service, consultation, { ...service, id: 'old', name: 'Old', active: false }];
		const asked = await handleBookingTurn(deps(), message({ request: 'book', services }));
		assert.equal(asked.outcome, 'asked_service');
		assert.deepEqual(asked.messages, [
			{
				content: '[booking_which_service]',
				content_type: 'input_select',
				content_attributes: {
					items: [
						{ title: 'Installation visit', value: '1' },
						{ title: 'Consultation', value: '2' },
					],
				},
			},
		]);
		assert.equal((await loadBookingState(pool, 42))?.state, 'choosing_service');
		const offered = await handleBookingTurn(deps(), message({ text: 'Consultation', services }));
		assert.equal(offered.outcome, 'offered');
		await handleBookingTurn(deps(), message({ text: '1', services }));
		assert.equal((await loadBookingState(pool, 42))?.serviceId, 'consultation');
		assert.equal((await sim.requests('/v1/messages')).length, 0, 'taps need no Claude');

		await handleBookingTurn(deps(), message({ request: 'book', services }));
		const unclear = await handleBookingTurn(deps(), message({ text: 'hmm', services }));
		assert.equal(unclear.outcome, 'unclear');
		assert.equal(unclear.messages[0]?.content, '[booking_which_service]');
	});

	it('should say so when there is no appointment to change', async () => {
		const result = await handleBookingTurn(
			deps(),
			message({ request: 'change', text: 'cancel it' }),
		);
		assert.equal(result.outcome, 'no_appointment');
		assert.deepEqual(result.messages, [{ content: '[booking_no_appointment]' }]);
	});

	it('should ask again, not guess, when the answer matches no option', async () => {
		await handleBookingTurn(deps(), message({ request: 'book' }));
		const result = await handleBookingTurn(deps(), message({ text: 'hmm' }));
		assert.equal(result.outcome, 'unclear');
		assert.deepEqual(result.messages, [{ content: '[booking_unclear]' }]);
		assert.equal((await loadBookingState(pool, 42))?.state, 'offering');
		assert.deepEqual(fake.calls, ['freeTimes 3']);
	});
});
