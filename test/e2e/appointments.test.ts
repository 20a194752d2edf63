// Appointments over chat on the real stack (issue #20): workflow 01 reads a wish to book, workflow
// 06 offers free times from the Google Calendar simulator as a WhatsApp list, books, moves and
// cancels from the customer's answers, mails the invite to the SMTP sink, and the gateway hands
// each due reminder to workflow 07 at its instant. One stack for the whole file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { REMINDER_QUEUE, reminderKey } from '@switchboard/glue/booking';
import type { Message } from '@switchboard/glue/chatwoot';
import { createJobs, jobIdFor, type Jobs } from '@switchboard/glue/jobs';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import {
	agentView,
	customerWrites,
	eventually,
	newCustomer,
	setDepartmentHours,
} from './inbound-support.ts';
import { startE2eStack, type E2eStack } from './stack.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;
const CALENDAR = 'primary';
const HOUR = 3_600_000;

interface AppointmentRow {
	id: string;
	status: string;
	starts_at: Date;
	google_event_id: string | null;
	ical_sequence: number;
}

interface Offer {
	message: Message;
	items: { title: string; value: string }[];
}

describe('appointments over chat', () => {
	let e2e: E2eStack;
	let jobs: Jobs;
	const agent = () => agentView(e2e.chatwoot);

	before(async () => {
		e2e = await startE2eStack();
		await setDepartmentHours(e2e, 'sales', 'always');
		const { connectionString } = e2e.pool.options as { connectionString: string };
		jobs = createJobs({ connectionString });
		await jobs.start();
	});
	after(async () => {
		await jobs?.stop();
		await e2e?.stop();
	});

	/** The bot's messages in the conversation, oldest first. */
	const botMessages = async (conversationId: number) =>
		(await agent().messages.list(conversationId)).payload.filter(
			(message) => message.message_type === 1 && !message.private,
		);

	/** The customer writes, and we wait for the bot's next message after what it said before. */
	const customerSays = async (from: string, content: string, conversationId?: number) => {
		const before = conversationId ? (await botMessages(conversationId)).length : 0;
		const sent = await customerWrites(e2e.chatwoot, { to: SALES, from, content, name: 'Ana Ruiz' });
		const reply = await eventually(`the bot's answer to "${content}"`, async () => {
			const messages = await botMessages(sent.conversationId);
			return messages.length > before ? messages.at(-1) : undefined;
		});
		return { conversationId: sent.conversationId, reply };
	};

	const offerIn = (message: Message): Offer => {
		assert.equal(message.content_type, 'input_select', 'a WhatsApp list of times');
		const items = (message.content_attributes as { items?: Offer['items'] }).items ?? [];
		assert.ok(items.length > 0, 'the list offers times');
		return { message, items };
	};

	const appointmentsOf = async (conversationId: number) =>
		(
			await e2e.pool.query<AppointmentRow>(
				`select id, status, starts_at, google_event_id, ical_sequence from sb_appointments
				where conversation_id = $1 order by created_at`,
				[conversationId],
			)
		).rows;

	const googleEvent = async (eventId: string) => {
		const res = await fetch(`${e2e.googleCalendar.server.url}/__sim/calendars/${CALENDAR}/events`);
		const events = (await res.json()) as {
			id: string;
			status: string;
			start: { dateTime: string };
		}[];
		return events.find((event) => event.id === eventId);
	};

	const invites = (to: string) =>
		e2e.smtp.sink.store.list({ to }).map((mail) => {
			const part = mail.raw
				.split(/\r\n--[^\r\n]+\r\n/)
				.find((p) => /Content-Type: application\/ics/i.test(p));
			assert.ok(part, 'an invite.ics attachment');
			const body = part.split('\r\n\r\n').slice(1).join('\r\n\r\n');
			const calendar = new ICAL.Component(
				ICAL.parse(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')),
			);
			const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
			return {
				method: calendar.getFirstPropertyValue('method'),
				uid: event.uid,
				sequence: event.sequence,
				start: event.startDate.toJSDate(),
			};
		});

	it('should book, move and cancel an appointment from the customer’s messages', async () => {
		const from = newCustomer();
		const asked = await customerSays(from, 'Hi! I would like to book an installation visit.');
		const offer = offerIn(asked.reply);
		const conversationId = asked.conversationId;
		const conversation = await agent().conversations.get(conversationId);
		const contactId = conversation.meta.sender.id;
		await agent().contacts.update(contactId, { email: 'ana.ruiz@example.com' });

		// She taps the second time of the list: WhatsApp sends its title back.
		const booked = await customerSays(from, offer.items[1]!.title, conversationId);
		assert.match(booked.reply.content ?? '', /^You're booked: Installation visit on /);
		const [appointment] = await appointmentsOf(conversationId);
		assert.equal(appointment?.status, 'confirmed');
		const event = await googleEvent(appointment!.google_event_id!);
		assert.equal(Date.parse(event!.start.dateTime), appointment!.starts_at.getTime());
		const stage = await e2e.pool.query<{ stage: string }>(
			'select stage from sb_contact_stages where contact_id = $1',
			[contactId],
		);
		assert.equal(stage.rows[0]?.stage, 'booked');
		const mailed = await eventually('the invite', async () => {
			const list = invites('ana.ruiz@example.com');
			return list.length ? list : undefined;
		});
		assert.equal(mailed[0]?.method, 'REQUEST');
		assert.equal(mailed[0]?.start.getTime(), appointment!.starts_at.getTime());
		// The reminders wait as durable jobs at their exact instants.
		const start = appointment!.starts_at.getTime();
		for (const offset of [1440, 120]) {
			const at = await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(appointment!.id, offset));
			if (start - offset * 60_000 > Date.now())
				assert.equal(at?.getTime(), start - offset * 60_000);
		}

		// She moves it to a Thursday: only Thursdays are offered.
		const moveAsked = await customerSays(from, 'Can we move it to Thursday?', conversationId);
		const moveOffer = offerIn(moveAsked.reply);
		assert.ok(
			moveOffer.items.every((item) => item.title.startsWith('Thu')),
			`Thursdays only: ${JSON.stringify(moveOffer.items)}`,
		);
		const moved = await customerSays(from, moveOffer.items[0]!.title, conversationId);
		const chat = await e2e.pool.query(
			'select state, purpose, offered, language from sb_booking_conversations where conversation_id = $1',
			[conversationId],
		);
		assert.match(
			moved.reply.content ?? '',
			/^Done: your Installation visit is now on /,
			JSON.stringify({
				picked: moveOffer.items[0]!.title,
				offer: moveOffer.items,
				chat: chat.rows,
				bot: (await botMessages(conversationId)).map((m) => m.content),
			}),
		);
		const [afterMove] = await appointmentsOf(conversationId);
		assert.equal(afterMove?.id, appointment!.id);
		assert.equal(afterMove?.status, 'rescheduled');
		assert.notEqual(afterMove?.starts_at.getTime(), appointment!.starts_at.getTime());
		assert.equal(
			Date.parse((await googleEvent(afterMove!.google_event_id!))!.start.dateTime),
			afterMove!.starts_at.getTime(),
			'the same Google event, moved',
		);
		const update = await eventually('the updated invite', async () => {
			const list = invites('ana.ruiz@example.com');
			return list.length > 1 ? list.at(-1) : undefined;
		});
		assert.equal(update.uid, mailed[0]?.uid);
		assert.ok((update.sequence ?? 0) > (mailed[0]?.sequence ?? 0), 'a higher SEQUENCE');

		// She cannot make it after all: that alone cancels it.
		const cancelled = await customerSays(from, "I can't make it", conversationId);
		assert.match(cancelled.reply.content ?? '', /^Your Installation visit on .* is cancelled\./);
		const [afterCancel] = await appointmentsOf(conversationId);
		assert.equal(afterCancel?.status, 'cancelled');
		assert.equal((await googleEvent(afterCancel!.google_event_id!))?.status, 'cancelled');
		for (const offset of [1440, 120]) {
			assert.equal(
				await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(afterCancel!.id, offset)),
				null,
			);
		}
		const cancel = await eventually('the cancellation', async () => {
			const list = invites('ana.ruiz@example.com');
			return list.at(-1)?.method === 'CANCEL' ? list.at(-1) : undefined;
		});
		assert.equal(cancel.uid, mailed[0]?.uid);
		// One decision per customer message, each saying the booking chat answered it.
		const decisions = await e2e.pool.query<{ outcome: string; intent: string; why: string }>(
			`select outcome, intent, triage->>'bookingChat' as why from sb_ai_decisions
			where conversation_id = $1 order by id`,
			[conversationId],
		);
		assert.deepEqual(
			decisions.rows.map((row) => [row.outcome, row.why]),
			[
				['booking_chat', 'appointment_request'],
				['booking_chat', 'answering_booking_chat'],
				['booking_chat', 'appointment_request'],
				['booking_chat', 'answering_booking_chat'],
				['booking_chat', 'appointment_request'],
			],
		);
		assert.equal(decisions.rows[0]?.intent, 'book_appointment');

		// A reminder job left over from before the cancel finds it cancelled and says nothing.
		const job = {
			appointmentId: afterCancel!.id,
			offsetMinutes: 120,
			startsAt: afterCancel!.starts_at.toISOString(),
		};
		const before = (await botMessages(conversationId)).length;
		await jobs.reschedule(
			REMINDER_QUEUE,
			reminderKey(afterCancel!.id, 120),
			new Date(Date.now() + 1000),
			job,
		);
		const outcome = await eventually('the stale reminder', async () => {
			const { rows } = await e2e.pool.query<{ outcome: string }>(
				'select outcome from sb_appointment_reminders where appointment_id = $1',
				[afterCancel!.id],
			);
			return rows[0]?.outcome;
		});
		assert.equal(outcome, 'skipped');
		assert.equal((await botMessages(conversationId)).length, before, 'no reminder sent');
	});

	it('should give a time two customers pick at once to exactly one, and new options to the other', async () => {
		const [first, second] = [newCustomer(), newCustomer()];
		const [a, b] = await Promise.all([
			customerSays(first, 'Hello, I want to book an installation visit.'),
			customerSays(second, 'Hi, can I book an installation visit?'),
		]);
		const [offerA, offerB] = [offerIn(a.reply), offerIn(b.reply)];
		assert.equal(offerA.items[0]!.title, offerB.items[0]!.title, 'both were offered the same time');
		const [answerA, answerB] = await Promise.all([
			customerSays(first, offerA.items[0]!.title, a.conversationId),
			customerSays(second, offerB.items[0]!.title, b.conversationId),
		]);
		const rows = [
			...(await appointmentsOf(a.conversationId)),
			...(await appointmentsOf(b.conversationId)),
		];
		const confirmed = rows.filter((row) => row.status === 'confirmed');
		assert.equal(
			confirmed.length,
			1,
			`one appointment at that time: ${JSON.stringify({
				rows,
				replies: [answerA.reply.content, answerB.reply.content],
				botA: (await botMessages(a.conversationId)).map((m) => m.content),
				botB: (await botMessages(b.conversationId)).map((m) => m.content),
			})}`,
		);
		const loser =
			confirmed[0]!.id === (await appointmentsOf(a.conversationId))[0]?.id ? answerB : answerA;
		assert.match(loser.reply.content ?? '', /^Sorry, that time is no longer free/);
		assert.ok(
			!offerIn(loser.reply).items.some((item) => item.title === offerA.items[0]!.title),
			'the taken time is not offered again',
		);
	});

	it('should refuse a time staff filled in Google after it was offered, with new options', async () => {
		const from = newCustomer();
		const asked = await customerSays(from, 'Hi, I need to book an installation visit.');
		const offer = offerIn(asked.reply);
		// Staff block the first time in Google Calendar's own UI.
		const taken = await freeTimeStarts(asked.conversationId);
		const res = await fetch(`${e2e.googleCalendar.server.url}/__sim/calendars/${CALENDAR}/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				summary: 'Team meeting',
				start: { dateTime: taken.toISOString() },
				end: { dateTime: new Date(taken.getTime() + HOUR).toISOString() },
			}),
		});
		assert.ok(res.ok, `the simulator took the staff event: ${res.status}`);
		const answer = await customerSays(from, offer.items[0]!.title, asked.conversationId);
		assert.match(answer.reply.content ?? '', /^Sorry, that time is no longer free/);
		assert.deepEqual(await appointmentsOf(asked.conversationId), []);
	});

	it('should send a reminder at its instant, through workflow 07, once', async () => {
		const from = newCustomer();
		const asked = await customerSays(from, 'Hello, I would like to book an installation visit.');
		const offer = offerIn(asked.reply);
		await customerSays(from, offer.items[0]!.title, asked.conversationId);
		const [appointment] = await appointmentsOf(asked.conversationId);
		assert.equal(appointment?.status, 'confirmed');
		// The 2-hour reminder's job, due in a moment rather than in hours: the same queue, relay and
		// workflow as the real one.
		const job = {
			appointmentId: appointment!.id,
			offsetMinutes: 120,
			startsAt: appointment!.starts_at.toISOString(),
		};
		const due = new Date(Date.now() + 2000);
		await jobs.reschedule(REMINDER_QUEUE, reminderKey(appointment!.id, 120), due, job);
		const reminder = await eventually('the reminder', async () => {
			const messages = await botMessages(asked.conversationId);
			return messages.find((message) =>
				/a reminder of your Installation visit/.test(message.content ?? ''),
			);
		});
		assert.ok(reminder.created_at * 1000 >= due.getTime() - 1000, 'not before its instant');
		// The job again (a retry after a lost answer): nothing new.
		const again = new Date(Date.now() + 500);
		await jobs.reschedule(REMINDER_QUEUE, reminderKey(appointment!.id, 120), again, job);
		await eventually('the second run', async () => {
			const { rows } = await e2e.pool.query<{ state: string; start_after: Date }>(
				'select state, start_after from sb_jobs.job where id = $1',
				[jobIdFor(REMINDER_QUEUE, reminderKey(appointment!.id, 120))],
			);
			const run = rows[0];
			return run?.state === 'completed' && run.start_after.getTime() >= again.getTime() - 1
				? true
				: undefined;
		});
		const reminders = (await botMessages(asked.conversationId)).filter((message) =>
			/a reminder of your/.test(message.content ?? ''),
		);
		assert.equal(reminders.length, 1);
	});

	/** Books the first offered time in a new chat; the appointment row and its conversation. */
	const bookedInChat = async (email?: string) => {
		const from = newCustomer();
		const asked = await customerSays(from, 'Hello, I would like to book an installation visit.');
		if (email) {
			const conversation = await agent().conversations.get(asked.conversationId);
			await agent().contacts.update(conversation.meta.sender.id, { email });
		}
		await customerSays(from, offerIn(asked.reply).items[0]!.title, asked.conversationId);
		const [appointment] = await appointmentsOf(asked.conversationId);
		assert.equal(appointment?.status, 'confirmed');
		return { appointment: appointment!, conversationId: asked.conversationId };
	};

	it('should remind with the approved WhatsApp template once the customer’s 24-hour window has closed', async () => {
		const { appointment, conversationId } = await bookedInChat();
		// The customer last wrote 25 hours ago: Chatwoot's can_reply turns false.
		for (const message of e2e.chatwootSim.state.messagesOf(conversationId)) {
			if (message.messageType === 'incoming') message.createdAt -= 25 * HOUR;
		}
		const job = {
			appointmentId: appointment.id,
			offsetMinutes: 120,
			startsAt: appointment.starts_at.toISOString(),
		};
		await jobs.reschedule(
			REMINDER_QUEUE,
			reminderKey(appointment.id, 120),
			new Date(Date.now() + 1000),
			job,
		);
		const sent = await eventually('the template reminder', async () =>
			e2e.chatwootSim.state
				.messagesOf(conversationId)
				.find((message) => 'template_params' in message.additionalAttributes),
		);
		const params = sent.additionalAttributes.template_params as {
			name: string;
			language: string;
			processed_params: { body: Record<string, string> };
		};
		assert.equal(params.name, 'appointment_reminder');
		assert.equal(params.language, 'en');
		assert.deepEqual(Object.keys(params.processed_params.body), ['1', '2', '3', '4', '5']);
		assert.equal(params.processed_params.body['2'], 'Installation visit');
		const { rows } = await e2e.pool.query<{ outcome: string }>(
			'select outcome from sb_appointment_reminders where appointment_id = $1',
			[appointment.id],
		);
		assert.deepEqual(rows, [{ outcome: 'sent' }]);
	});

	it('should refuse an impossible front-desk change in Directus, and apply a move and a cancel everywhere', async () => {
		const email = 'front.desk@example.com';
		const { appointment, conversationId } = await bookedInChat(email);
		const patch = (body: Record<string, unknown>) =>
			fetch(`${e2e.directusUrl}/items/sb_appointments/${appointment.id}`, {
				method: 'PATCH',
				headers: {
					authorization: `Bearer ${e2e.stack.directus.adminToken}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify(body),
			});
		const reason = async (res: Response) =>
			((await res.json()) as { errors?: { message: string }[] }).errors?.[0]?.message ?? '';
		const start = appointment.starts_at.getTime();

		// The end before the start: refused, nothing saved.
		const backwards = await patch({
			starts_at: new Date(start + 24 * HOUR).toISOString(),
			ends_at: new Date(start + 23 * HOUR).toISOString(),
		});
		assert.equal(backwards.status, 400);
		assert.match(await reason(backwards), /must be after the start/);
		// Onto another appointment of the same calendar (one the front desk entered): refused.
		const busyAt = new Date(start + 3 * 24 * HOUR);
		await e2e.pool.query(
			`insert into sb_appointments (account_id, contact_id, service_id, service_name, calendar_id,
				status, starts_at, ends_at, blocked_from, blocked_until, time_zone, customer_name)
			values (1, 999, 'installation_visit', 'Installation visit', $1, 'confirmed', $2, $3, $2, $3,
				'America/New_York', 'Walk-in')`,
			[CALENDAR, busyAt, new Date(busyAt.getTime() + HOUR)],
		);
		const onto = await patch({ starts_at: busyAt.toISOString() });
		assert.equal(onto.status, 400);
		assert.match(await reason(onto), /overlaps another appointment .*Walk-in/);
		assert.deepEqual((await appointmentsOf(conversationId))[0], appointment);

		// A move two days later: Google, the invite, the reminders and the customer follow.
		const movedTo = new Date(start + 2 * 24 * HOUR);
		const moved = await patch({ starts_at: movedTo.toISOString() });
		assert.equal(moved.status, 200, await moved.clone().text());
		const told = await eventually('the customer told of the move', async () =>
			(await botMessages(conversationId)).find((message) =>
				/^Done: your Installation visit is now on /.test(message.content ?? ''),
			),
		);
		assert.ok(told);
		const [afterMove] = await appointmentsOf(conversationId);
		assert.equal(afterMove?.status, 'rescheduled');
		assert.equal(afterMove?.starts_at.getTime(), movedTo.getTime());
		assert.equal(
			Date.parse((await googleEvent(afterMove!.google_event_id!))!.start.dateTime),
			movedTo.getTime(),
			'the Google event moved',
		);
		const update = await eventually('the updated invite', async () =>
			invites(email).find((invite) => invite.sequence === 1),
		);
		assert.equal(update.method, 'REQUEST');
		assert.equal(update.start.getTime(), movedTo.getTime());
		assert.equal(
			(await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(appointment.id, 1440)))?.getTime(),
			movedTo.getTime() - 24 * HOUR,
			'the 24-hour reminder moved with it',
		);

		// Cancelled at the desk.
		const cancelled = await patch({ status: 'cancelled', cancel_reason: 'Technician ill' });
		assert.equal(cancelled.status, 200, await cancelled.clone().text());
		await eventually('the customer told of the cancel', async () =>
			(await botMessages(conversationId)).find((message) =>
				/^Your Installation visit on .* is cancelled\./.test(message.content ?? ''),
			),
		);
		const [afterCancel] = await appointmentsOf(conversationId);
		assert.equal(afterCancel?.status, 'cancelled');
		assert.equal((await googleEvent(afterCancel!.google_event_id!))?.status, 'cancelled');
		const withdrawn = await eventually('the cancellation invite', async () =>
			invites(email).find((invite) => invite.method === 'CANCEL'),
		);
		assert.equal(withdrawn.uid, update.uid);
		for (const offset of [1440, 120]) {
			assert.equal(
				await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(appointment.id, offset)),
				null,
			);
		}
		const told2 = (await botMessages(conversationId)).filter((message) =>
			/^(Done: your|Your) Installation visit/.test(message.content ?? ''),
		);
		assert.equal(told2.length, 2, 'each change told once');
	});

	/** The first offered start, as the conversation's state holds it. */
	async function freeTimeStarts(conversationId: number): Promise<Date> {
		const { rows } = await e2e.pool.query<{ offered: { start: string }[] }>(
			'select offered from sb_booking_conversations where conversation_id = $1',
			[conversationId],
		);
		return new Date(rows[0]!.offered[0]!.start);
	}
});
