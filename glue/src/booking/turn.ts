// One customer message in a booking chat: offer free times (asking the time zone first when the
// customer's number says they live elsewhere), read the answer, book, move or cancel, and say so.
// Every sentence comes from a message template (`render`); the state lives in Postgres.
import type {
	BookingBackend,
	BookingRules,
	BookingService,
	CustomerRef,
	AppointmentView,
} from './backend.ts';
import type { BookingChoice } from './choice-schema.ts';
import {
	offerItems,
	offerMessage,
	type BookingMessage,
	type OfferedSlot,
} from './offer-message.ts';
import { readBookingChoice, type ChoiceClient } from './read-choice.ts';
import { loadBookingState, saveBookingState, type BookingState } from './state.ts';
import { sameClock, zoneCity, zoneFromPhone } from './time-zone.ts';
import type { Queryable } from '../log-store/index.ts';
import type { AppointmentFacts } from '../templates/index.ts';

/** The chat's message templates, by key (Directus message_templates). */
export const BOOKING_TEMPLATES = {
	askTimeZone: 'booking_time_zone',
	offer: 'booking_offer',
	offerAgain: 'booking_offer_again',
	unclear: 'booking_unclear',
	noTimes: 'booking_no_times',
	noAppointment: 'booking_no_appointment',
	stopped: 'booking_stopped',
	confirmed: 'appointment_confirmed',
	rescheduled: 'appointment_rescheduled',
	cancelled: 'appointment_cancelled',
} as const;
export type BookingTemplateKey = (typeof BOOKING_TEMPLATES)[keyof typeof BOOKING_TEMPLATES];

export interface RenderRequest {
	key: BookingTemplateKey;
	language: string;
	/** The zone dates are shown in: the customer's. */
	timeZone: string;
	/** For the appointment provider; null before one exists. */
	appointment: AppointmentFacts | null;
}

export type BookingEvent = 'booked' | 'rescheduled' | 'cancelled';

export interface BookingDeps {
	db: Queryable;
	backend: BookingBackend;
	claude: ChoiceClient;
	model: string;
	render(request: RenderRequest): Promise<string>;
	/** After a change: e-mail with the invite, the stage, the reminders. */
	after(event: BookingEvent, appointment: AppointmentView, customer: CustomerRef): Promise<void>;
	now?: () => Date;
}

export interface BookingTurnInput {
	accountId: number;
	contactId: number;
	conversationId: number;
	/** Chatwoot's channel of the inbox, e.g. "whatsapp", "facebook", "instagram". */
	channel: string;
	language: string;
	text: string;
	phone: string | null;
	name: string | null;
	email: string | null;
	/** What the triage read (book, change), or null when the customer answers our question. */
	request: 'book' | 'change' | null;
	department: string | null;
	businessTimeZone: string;
	services: readonly BookingService[];
	rules: BookingRules;
}

export type BookingTurnOutcome =
	| 'asked_time_zone'
	| 'offered'
	| 'unclear'
	| 'no_times'
	| 'no_service'
	| 'no_appointment'
	| 'stopped'
	| BookingEvent;

export interface BookingTurnResult {
	outcome: BookingTurnOutcome;
	messages: BookingMessage[];
	appointmentId: string | null;
}

// Times wanted "in the afternoon" and so on, on the customer's clock.
const PARTS: Record<string, [from: number, to: number]> = {
	morning: [0, 12],
	afternoon: [12, 18],
	evening: [18, 24],
};
const SEARCH_LIMIT = 60;

export function serviceFor(
	services: readonly BookingService[],
	department: string | null,
): BookingService | null {
	const active = services.filter((service) => service.active);
	return (
		active.find((service) => service.department === department) ??
		active.find((service) => service.department === null) ??
		null
	);
}

function wallParts(at: Date, timeZone: string): { date: string; weekday: string; hour: number } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			weekday: 'long',
			hour: '2-digit',
			hourCycle: 'h23',
		})
			.formatToParts(at)
			.map((part) => [part.type, part.value]),
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		weekday: String(parts.weekday).toLowerCase(),
		hour: Number(parts.hour),
	};
}

/** The free times that fit a wish ("Tuesday afternoon"), on the customer's clock. */
export function matchWish(
	slots: readonly OfferedSlot[],
	choice: BookingChoice,
	timeZone: string,
): OfferedSlot[] {
	return slots.filter((slot) => {
		const wall = wallParts(slot.start, timeZone);
		if (choice.date && wall.date !== choice.date) return false;
		if (choice.weekday && wall.weekday !== choice.weekday) return false;
		const part = choice.part_of_day ? PARTS[choice.part_of_day] : undefined;
		return !part || (wall.hour >= part[0] && wall.hour < part[1]);
	});
}

export async function handleBookingTurn(
	deps: BookingDeps,
	input: BookingTurnInput,
): Promise<BookingTurnResult> {
	const now = deps.now?.() ?? new Date();
	const saved = await loadBookingState(deps.db, input.conversationId);
	const open = saved && saved.state !== 'done' ? saved : null;
	// An answer to our question is read in the language the options were shown in: a bare option
	// ("Tue, Mar 9, 10:00") tells the triage little about the customer's language.
	const language = (open && !input.request ? open.language : input.language) || 'en';
	const service = open
		? (input.services.find((candidate) => candidate.id === open.serviceId) ?? null)
		: serviceFor(input.services, input.department);
	const reply = (
		outcome: BookingTurnOutcome,
		messages: BookingMessage[],
		id: string | null = null,
	) => ({
		outcome,
		messages,
		appointmentId: id,
	});
	const say = async (
		key: BookingTemplateKey,
		timeZone: string,
		appointment: AppointmentFacts | null = null,
	): Promise<BookingMessage> => ({
		content: await deps.render({ key, language, timeZone, appointment }),
	});
	if (!service)
		return reply('no_service', [await say(BOOKING_TEMPLATES.noTimes, input.businessTimeZone)]);

	const base: BookingState = {
		conversationId: input.conversationId,
		accountId: input.accountId,
		contactId: input.contactId,
		state: 'offering',
		purpose: 'book',
		serviceId: service.id,
		offered: [],
		appointmentId: null,
		customerTimeZone: saved?.customerTimeZone ?? null,
		proposedTimeZone: null,
		language,
		...(open ?? {}),
	};
	const customer = (timeZone: string): CustomerRef => ({
		accountId: input.accountId,
		contactId: input.contactId,
		conversationId: input.conversationId,
		name: input.name,
		email: input.email,
		language,
		timeZone,
	});

	const offer = async (
		state: BookingState,
		timeZone: string,
		key: BookingTemplateKey,
		slots?: readonly OfferedSlot[],
	): Promise<BookingTurnResult> => {
		const found =
			slots ?? (await deps.backend.freeTimes(service, { limit: input.rules.optionsToOffer }));
		const chosen = found.slice(0, input.rules.optionsToOffer);
		if (!chosen.length) {
			await saveBookingState(deps.db, { ...state, state: 'done', offered: [] });
			return reply('no_times', [await say(BOOKING_TEMPLATES.noTimes, timeZone)]);
		}
		const shown = offerItems(chosen, language, timeZone);
		await saveBookingState(deps.db, {
			...state,
			state: 'offering',
			offered: chosen.map((slot, index) => ({
				start: slot.start,
				end: slot.end,
				label: shown[index]?.title,
			})),
			customerTimeZone: timeZone,
		});
		const intro = await say(key, timeZone);
		return reply('offered', [
			offerMessage({
				intro: intro.content,
				slots: chosen,
				locale: language,
				timeZone,
				channel: input.channel,
			}),
		]);
	};

	// A new request: start over (a change starts from the contact's next appointment).
	if (input.request) {
		let state: BookingState = {
			...base,
			state: 'offering',
			purpose: 'book',
			appointmentId: null,
			offered: [],
		};
		if (input.request === 'change') {
			const appointment = await deps.backend.upcoming(input.accountId, input.contactId);
			if (!appointment)
				return reply('no_appointment', [
					await say(BOOKING_TEMPLATES.noAppointment, input.businessTimeZone),
				]);
			state = { ...state, purpose: 'reschedule', appointmentId: appointment.id };
			const zone = base.customerTimeZone ?? input.businessTimeZone;
			const choice = await readBookingChoice(deps.claude, {
				text: input.text,
				options: [],
				question: 'time',
				today: todayLabel(now, zone),
				model: deps.model,
			});
			if (choice.action === 'cancel') return cancel(state, appointment, zone);
			return offerFor(state, zone, choice);
		}
		const zone = base.customerTimeZone;
		if (!zone) {
			const proposed = zoneFromPhone(input.phone);
			if (proposed && !sameClock(proposed, input.businessTimeZone, now)) {
				await saveBookingState(deps.db, {
					...state,
					state: 'choosing_zone',
					proposedTimeZone: proposed,
				});
				const question = await say(BOOKING_TEMPLATES.askTimeZone, proposed);
				return reply('asked_time_zone', [
					offerZoneMessage(question.content, [proposed, input.businessTimeZone], input.channel),
				]);
			}
		}
		return offer(state, zone ?? input.businessTimeZone, BOOKING_TEMPLATES.offer);
	}

	if (!open)
		return reply('unclear', [await say(BOOKING_TEMPLATES.unclear, input.businessTimeZone)]);

	if (open.state === 'choosing_zone') {
		const options = [open.proposedTimeZone ?? input.businessTimeZone, input.businessTimeZone];
		const choice = await readBookingChoice(deps.claude, {
			text: input.text,
			options: options.map(zoneCity),
			question: 'time_zone',
			today: todayLabel(now, options[0] ?? input.businessTimeZone),
			model: deps.model,
		});
		const zone =
			choice.action === 'time_zone'
				? choice.option !== null
					? options[choice.option - 1]
					: choice.time_zone
				: null;
		if (!zone) {
			const question = await say(BOOKING_TEMPLATES.askTimeZone, options[0]!);
			return reply('unclear', [offerZoneMessage(question.content, options, input.channel)]);
		}
		return offer(
			{ ...open, customerTimeZone: zone, proposedTimeZone: null },
			zone,
			BOOKING_TEMPLATES.offer,
		);
	}

	// Offering: which of the times shown?
	const zone = open.customerTimeZone ?? input.businessTimeZone;
	const recomputed = offerItems(open.offered, language, zone);
	const labels = open.offered.map((slot, index) => slot.label ?? recomputed[index]?.title ?? '');
	const choice = await readBookingChoice(deps.claude, {
		text: input.text,
		options: labels,
		question: 'time',
		today: todayLabel(now, zone),
		model: deps.model,
	});
	if (choice.action === 'pick' && choice.option !== null) {
		const slot = open.offered[choice.option - 1];
		if (!slot) return reply('unclear', [await say(BOOKING_TEMPLATES.unclear, zone)]);
		const outcome =
			open.purpose === 'reschedule' && open.appointmentId
				? await deps.backend.reschedule(open.appointmentId, service, slot.start, open.offeredAt)
				: await deps.backend.book(service, slot.start, customer(zone), open.offeredAt);
		if (!outcome.ok) {
			// Taken meanwhile (another customer, or staff in Google): the next options instead.
			return offer(
				open,
				zone,
				BOOKING_TEMPLATES.offerAgain,
				outcome.alternatives.length ? outcome.alternatives : undefined,
			);
		}
		const event: BookingEvent = open.purpose === 'reschedule' ? 'rescheduled' : 'booked';
		await saveBookingState(deps.db, {
			...open,
			state: 'done',
			appointmentId: outcome.appointment.id,
		});
		await deps.after(event, outcome.appointment, customer(zone));
		const key = event === 'booked' ? BOOKING_TEMPLATES.confirmed : BOOKING_TEMPLATES.rescheduled;
		return reply(event, [await say(key, zone, outcome.appointment.facts)], outcome.appointment.id);
	}
	if (choice.action === 'cancel') {
		if (open.purpose === 'reschedule' && open.appointmentId) {
			const appointment = await deps.backend.get(open.appointmentId);
			if (appointment) return cancel(open, appointment, zone);
		}
		await saveBookingState(deps.db, { ...open, state: 'done' });
		return reply('stopped', [await say(BOOKING_TEMPLATES.stopped, zone)]);
	}
	if (choice.action === 'wish' || choice.action === 'reschedule')
		return offerFor(open, zone, choice);
	return reply('unclear', [await say(BOOKING_TEMPLATES.unclear, zone)]);

	async function offerFor(state: BookingState, timeZone: string, choice: BookingChoice) {
		const wished = choice.date || choice.weekday || choice.part_of_day;
		if (!wished) return offer(state, timeZone, BOOKING_TEMPLATES.offer);
		const all = await deps.backend.freeTimes(service!, { limit: SEARCH_LIMIT });
		const fitting = matchWish(all, choice, timeZone);
		return fitting.length
			? offer(state, timeZone, BOOKING_TEMPLATES.offer, fitting)
			: offer(state, timeZone, BOOKING_TEMPLATES.offerAgain, all);
	}

	async function cancel(state: BookingState, appointment: AppointmentView, timeZone: string) {
		const cancelled = await deps.backend.cancel(
			appointment.id,
			'cancelled by the customer in chat',
		);
		await saveBookingState(deps.db, {
			...state,
			state: 'done',
			appointmentId: appointment.id,
			offered: [],
		});
		await deps.after('cancelled', cancelled, customer(timeZone));
		return reply(
			'cancelled',
			[await say(BOOKING_TEMPLATES.cancelled, timeZone, cancelled.facts)],
			appointment.id,
		);
	}
}

function offerZoneMessage(
	question: string,
	zones: readonly string[],
	channel: string,
): BookingMessage {
	const titles = zones.map(zoneCity);
	const fake = titles.map(() => ({ start: new Date(0), end: new Date(0) }));
	const message = offerMessage({
		intro: question,
		slots: fake,
		locale: 'en',
		timeZone: 'UTC',
		channel,
	});
	if (message.content_attributes) {
		return {
			...message,
			content_attributes: {
				items: titles.map((title, index) => ({ title, value: String(index + 1) })),
			},
		};
	}
	return {
		content: [question, '', ...titles.map((title, index) => `${index + 1}. ${title}`)].join('\n'),
	};
}

/** "Tuesday, 2 March 2027" on the customer's clock, for reading "tomorrow". */
export function todayLabel(now: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-GB', {
		timeZone,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
	}).format(now);
}
