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
	choiceMessage,
	listTitle,
	offerItems,
	offerMessage,
	type BookingMessage,
	type OfferedSlot,
} from './offer-message.ts';
import { exactOption, readBookingChoice, type ChoiceClient } from './read-choice.ts';
import { loadBookingState, saveBookingState, type BookingState } from './state.ts';
import { sameClock, zoneCity, zoneFromPhone } from './time-zone.ts';
import type { Queryable } from '../log-store/index.ts';
import type { AppointmentFacts } from '../templates/index.ts';

/** The chat's message templates, by key (Directus message_templates). */
export const BOOKING_TEMPLATES = {
	askTimeZone: 'booking_time_zone',
	offer: 'booking_offer',
	offerAgain: 'booking_offer_again',
	noneFits: 'booking_none_fits',
	whichService: 'booking_which_service',
	moveOrCancel: 'booking_move_or_cancel',
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
	| 'asked_service'
	| 'asked_time_zone'
	| 'asked_change'
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
const SEARCH_PAGES = 6;
// What an appointment that can still be moved or cancelled is (the appointments core's statuses).
const ACTIVE = new Set(['held', 'confirmed', 'rescheduled']);
const NO_CHOICE: Omit<BookingChoice, 'action'> = {
	option: null,
	date: null,
	weekday: null,
	part_of_day: null,
	time_zone: null,
};

/**
 * The services a customer of this department can book: the department's active ones, else the
 * active ones of no department. More than one: the customer is asked which.
 */
export function servicesFor(
	services: readonly BookingService[],
	department: string | null,
): BookingService[] {
	const active = services.filter((service) => service.active);
	const own = active.filter((service) => service.department === department);
	return own.length ? own : active.filter((service) => service.department === null);
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
	const candidates = servicesFor(input.services, input.department);
	const serviceById = (id: string) => input.services.find((service) => service.id === id) ?? null;
	const reply = (
		outcome: BookingTurnOutcome,
		messages: BookingMessage[],
		id: string | null = null,
	): BookingTurnResult => ({ outcome, messages, appointmentId: id });
	const say = async (
		key: BookingTemplateKey,
		timeZone: string,
		appointment: AppointmentFacts | null = null,
	): Promise<BookingMessage> => ({
		content: await deps.render({ key, language, timeZone, appointment }),
	});
	const fresh = (serviceId: string): BookingState => ({
		conversationId: input.conversationId,
		accountId: input.accountId,
		contactId: input.contactId,
		state: 'offering',
		purpose: 'book',
		serviceId,
		offered: [],
		appointmentId: null,
		customerTimeZone: saved?.customerTimeZone ?? null,
		proposedTimeZone: null,
		language,
	});
	const customer = (timeZone: string): CustomerRef => ({
		accountId: input.accountId,
		contactId: input.contactId,
		conversationId: input.conversationId,
		name: input.name,
		email: input.email,
		language,
		timeZone,
	});
	const noService = async (state: BookingState | null, timeZone: string) => {
		if (state) await saveBookingState(deps.db, { ...state, state: 'done', offered: [] });
		return reply('no_service', [await say(BOOKING_TEMPLATES.noTimes, timeZone)]);
	};

	const offer = async (
		state: BookingState,
		timeZone: string,
		key: BookingTemplateKey,
		slots?: readonly OfferedSlot[],
	): Promise<BookingTurnResult> => {
		const service = serviceById(state.serviceId);
		if (!service) return noService(state, timeZone);
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

	/** The free times that fit what they asked for ("Thursday afternoon"), else the next ones. */
	const offerFor = async (state: BookingState, timeZone: string, choice: BookingChoice) => {
		const service = serviceById(state.serviceId);
		if (!service) return noService(state, timeZone);
		const wished = choice.date || choice.weekday || choice.part_of_day;
		if (!wished) return offer(state, timeZone, BOOKING_TEMPLATES.offer);
		// Page through the free times until enough fit or the horizon ends: with long opening
		// hours one page may not reach the Thursday they asked for.
		const all: OfferedSlot[] = [];
		let fitting: OfferedSlot[] = [];
		for (let page = 0; page < SEARCH_PAGES; page += 1) {
			const after = all.at(-1)?.end;
			const found = await deps.backend.freeTimes(service, {
				limit: SEARCH_LIMIT,
				...(after ? { after } : {}),
			});
			all.push(...found);
			fitting = matchWish(all, choice, timeZone);
			if (fitting.length >= input.rules.optionsToOffer || found.length < SEARCH_LIMIT) break;
		}
		return fitting.length
			? offer(state, timeZone, BOOKING_TEMPLATES.offer, fitting)
			: offer(state, timeZone, BOOKING_TEMPLATES.noneFits, all);
	};

	const cancel = async (state: BookingState, appointment: AppointmentView, timeZone: string) => {
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
	};

	/** Times for a new booking, asking first which zone to show them in when the number is abroad. */
	const startBooking = async (state: BookingState): Promise<BookingTurnResult> => {
		const zone = state.customerTimeZone;
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
	};

	const askService = async (state: BookingState, outcome: 'asked_service' | 'unclear') => {
		await saveBookingState(deps.db, { ...state, state: 'choosing_service', offered: [] });
		const question = await say(BOOKING_TEMPLATES.whichService, input.businessTimeZone);
		return reply(outcome, [
			choiceMessage(
				question.content,
				candidates.map((service) => service.name),
				input.channel,
			),
		]);
	};

	/**
	 * About a booked appointment: cancel it, or offer times to move it to (those they asked for);
	 * when Claude cannot tell which, ask, and read the next answer against that appointment.
	 */
	const manage = async (
		state: BookingState,
		appointment: AppointmentView,
		timeZone: string,
		asked: boolean,
	): Promise<BookingTurnResult> => {
		const name = serviceById(appointment.serviceId)?.name ?? appointment.facts.service;
		const shown = offerItems(
			[{ start: appointment.startsAt, end: appointment.endsAt }],
			language,
			timeZone,
		);
		const choice = await readBookingChoice(deps.claude, {
			text: input.text,
			options: [`${name}, ${shown[0]?.title ?? ''}`],
			question: 'manage',
			today: todayLabel(now, timeZone),
			model: deps.model,
		});
		if (choice.action === 'cancel') return cancel(state, appointment, timeZone);
		if (choice.action === 'reschedule') return offerFor(state, timeZone, choice);
		await saveBookingState(deps.db, { ...state, state: 'managing', offered: [] });
		return reply(asked ? 'unclear' : 'asked_change', [
			await say(BOOKING_TEMPLATES.moveOrCancel, timeZone, appointment.facts),
		]);
	};

	// A wish to move or cancel: about the contact's next appointment, whichever its service.
	if (input.request === 'change') {
		const appointment = await deps.backend.upcoming(input.accountId, input.contactId);
		if (!appointment)
			return reply('no_appointment', [
				await say(BOOKING_TEMPLATES.noAppointment, input.businessTimeZone),
			]);
		const state: BookingState = {
			...fresh(appointment.serviceId),
			purpose: 'reschedule',
			appointmentId: appointment.id,
		};
		const zone = appointment.customerTimeZone ?? state.customerTimeZone ?? input.businessTimeZone;
		return manage(state, appointment, zone, false);
	}

	// A wish to book: start over, asking which service when the department has several.
	if (input.request === 'book') {
		const [only, ...more] = candidates;
		if (!only) return noService(null, input.businessTimeZone);
		if (more.length) return askService(fresh(only.id), 'asked_service');
		return startBooking(fresh(only.id));
	}

	if (!open)
		return reply('unclear', [await say(BOOKING_TEMPLATES.unclear, input.businessTimeZone)]);

	if (open.state === 'choosing_service') {
		const names = candidates.map((service) => service.name);
		const tapped = exactOption(input.text, names.map(listTitle));
		const choice: BookingChoice =
			tapped !== null
				? { ...NO_CHOICE, action: 'pick', option: tapped }
				: await readBookingChoice(deps.claude, {
						text: input.text,
						options: names,
						question: 'service',
						today: todayLabel(now, input.businessTimeZone),
						model: deps.model,
					});
		const picked = choice.action === 'pick' && choice.option ? candidates[choice.option - 1] : null;
		if (picked) return startBooking({ ...open, serviceId: picked.id });
		if (choice.action === 'cancel') {
			await saveBookingState(deps.db, { ...open, state: 'done' });
			return reply('stopped', [await say(BOOKING_TEMPLATES.stopped, input.businessTimeZone)]);
		}
		if (!candidates.length) return noService(open, input.businessTimeZone);
		return askService(open, 'unclear');
	}

	if (open.state === 'managing') {
		const appointment = open.appointmentId ? await deps.backend.get(open.appointmentId) : null;
		if (!appointment || !ACTIVE.has(appointment.status)) {
			await saveBookingState(deps.db, { ...open, state: 'done' });
			return reply('no_appointment', [
				await say(BOOKING_TEMPLATES.noAppointment, input.businessTimeZone),
			]);
		}
		const zone = open.customerTimeZone ?? input.businessTimeZone;
		return manage(open, appointment, zone, true);
	}

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
	const service = serviceById(open.serviceId);
	const zone = open.customerTimeZone ?? input.businessTimeZone;
	if (!service) return noService(open, zone);
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
