import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type pg from 'pg';
import { createJobs, type Jobs } from '../jobs/index.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { RemoteError } from '../common/remote-error.ts';
import type { Template } from '../templates/index.ts';
import type { AppointmentView } from './backend.ts';
import { chatReminderSender } from './chat.ts';
import {
	cancelReminders,
	deliverReminder,
	REMINDER_QUEUE,
	reminderKey,
	reminderTimes,
	scheduleReminders,
	type ReminderJob,
} from './reminders.ts';

const ID = '6f1c2c1e-0000-4000-8000-000000000002';
const START = new Date('2027-03-10T15:00:00Z');

function appointment(overrides: Partial<AppointmentView> = {}): AppointmentView {
	return {
		id: ID,
		serviceId: 'installation_visit',
		status: 'confirmed',
		startsAt: START,
		endsAt: new Date(START.getTime() + 3_600_000),
		accountId: 1,
		contactId: 7,
		conversationId: 42,
		language: 'en',
		customerName: 'Ann Lee',
		customerTimeZone: null,
		facts: {
			service: 'Installation visit',
			startsAt: START,
			endsAt: new Date(START.getTime() + 3_600_000),
			reference: 'A1B2C3D4',
		},
		...overrides,
	};
}

describe('reminders', () => {
	let database: TestDatabase;
	let pool: pg.Pool;

	before(async () => {
		database = await createTestDatabase();
		pool = database.pool();
		await migrate(pool);
	});
	after(async () => {
		await database.drop();
	});

	describe('reminderTimes', () => {
		it('should put each reminder its offset before the start, leaving out past ones', () => {
			const now = new Date('2027-03-09T16:00:00Z');
			assert.deepEqual(reminderTimes(START, [1440, 120, 120, 0], now), [
				{ offsetMinutes: 120, at: new Date('2027-03-10T13:00:00Z') },
			]);
			assert.deepEqual(
				reminderTimes(START, [1440, 120], new Date('2027-03-08T00:00:00Z')).map((r) => r.at),
				[new Date('2027-03-09T15:00:00Z'), new Date('2027-03-10T13:00:00Z')],
			);
		});
	});

	describe('scheduleReminders and cancelReminders', () => {
		let jobs: Jobs;
		before(async () => {
			jobs = createJobs({ connectionString: connectionStringOf(database) });
			await jobs.start();
		});
		after(async () => {
			await jobs.stop();
		});

		it('should schedule a durable job at each exact instant, move them, and cancel them', async () => {
			const now = new Date('2027-03-08T00:00:00Z');
			await scheduleReminders(jobs, appointment(), [1440, 120], now);
			assert.deepEqual(
				await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(ID, 1440)),
				new Date('2027-03-09T15:00:00Z'),
			);
			assert.deepEqual(
				await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(ID, 120)),
				new Date('2027-03-10T13:00:00Z'),
			);

			const later = new Date('2027-03-11T15:00:00Z');
			await scheduleReminders(jobs, appointment({ startsAt: later }), [1440, 120], now);
			assert.deepEqual(
				await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(ID, 1440)),
				new Date('2027-03-10T15:00:00Z'),
			);

			await cancelReminders(jobs, ID, [1440, 120]);
			assert.equal(await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(ID, 1440)), null);
			assert.equal(await jobs.scheduledAt(REMINDER_QUEUE, reminderKey(ID, 120)), null);
		});
	});

	describe('deliverReminder', () => {
		let sent: string[];
		let current: AppointmentView | null;
		const job: ReminderJob = {
			appointmentId: ID,
			offsetMinutes: 120,
			startsAt: START.toISOString(),
		};
		const deps = (send?: () => Promise<void>) => ({
			db: pool,
			backend: { get: async () => current },
			send:
				send ??
				(async (found: AppointmentView, offset: number) => {
					sent.push(`${found.id} ${offset}`);
				}),
		});
		beforeEach(async () => {
			await pool.query('truncate sb_appointment_reminders');
			sent = [];
			current = appointment();
		});

		it('should send a reminder once, however often its job runs', async () => {
			assert.equal(await deliverReminder(deps(), job), 'sent');
			assert.equal(await deliverReminder(deps(), job), 'already_sent');
			assert.deepEqual(sent, [`${ID} 120`]);
		});

		it('should not remind of a cancelled appointment, and record why', async () => {
			current = appointment({ status: 'cancelled' });
			assert.equal(await deliverReminder(deps(), job), 'skipped');
			assert.deepEqual(sent, []);
			const { rows } = await pool.query('select outcome, detail from sb_appointment_reminders');
			assert.deepEqual(rows, [{ outcome: 'skipped', detail: 'the appointment is cancelled' }]);
		});

		it('should skip a job left from before a move, and still remind for the new time', async () => {
			current = appointment({ startsAt: new Date('2027-03-11T15:00:00Z') });
			assert.equal(await deliverReminder(deps(), job), 'skipped');
			const moved = { ...job, startsAt: '2027-03-11T15:00:00.000Z' };
			assert.equal(await deliverReminder(deps(), moved), 'sent');
			assert.equal(sent.length, 1);
		});

		it('should end as failed with the reason when the closed window has no approved template, sending nothing', async () => {
			const { sender, created } = chatwootAt({ canReply: false, templates: [sessionReminder] });
			const outcome = await deliverReminder({ ...deps(), send: sender }, job);
			assert.equal(outcome, 'failed');
			assert.deepEqual(created, []);
			const { rows } = await pool.query('select outcome, detail from sb_appointment_reminders');
			assert.equal(rows[0]?.outcome, 'failed');
			assert.match(
				rows[0]?.detail,
				/24-hour WhatsApp window has closed.*no approved WhatsApp template/,
			);
			// The job again (a retry): the failure stands, nothing is sent.
			assert.equal(await deliverReminder({ ...deps(), send: sender }, job), 'already_sent');
			assert.deepEqual(created, []);
		});

		it('should send the approved template, parameter by parameter, once the window has closed', async () => {
			const { sender, created } = chatwootAt({
				canReply: false,
				templates: [sessionReminder, approvedReminder],
			});
			assert.equal(await deliverReminder({ ...deps(), send: sender }, job), 'sent');
			assert.equal(created.length, 1);
			assert.deepEqual(created[0]?.template_params, {
				name: 'appointment_reminder',
				category: 'UTILITY',
				language: 'en',
				processed_params: { body: { '1': 'Ann', '2': 'Installation visit' } },
			});
		});

		it('should send the chat text while the window is open', async () => {
			const { sender, created } = chatwootAt({
				canReply: true,
				templates: [sessionReminder, approvedReminder],
			});
			assert.equal(await deliverReminder({ ...deps(), send: sender }, job), 'sent');
			assert.equal(created[0]?.content, 'Reminder: Installation visit, Ann.');
			assert.equal(created[0]?.template_params, undefined);
		});

		it('should end as failed on a permanent refusal, and retry a passing one', async () => {
			const refused = deps(async () => {
				throw new RemoteError('Chatwoot answered 422: template params invalid', {
					vendor: 'chatwoot',
					code: 'CHATWOOT_UNPROCESSABLE',
					remoteStatus: 422,
				});
			});
			assert.equal(await deliverReminder(refused, job), 'failed');
			await pool.query('truncate sb_appointment_reminders');
			const busy = deps(async () => {
				throw new RemoteError('Chatwoot answered 503', {
					vendor: 'chatwoot',
					code: 'CHATWOOT_UNAVAILABLE',
					remoteStatus: 503,
					retryable: true,
				});
			});
			await assert.rejects(deliverReminder(busy, job), /503/);
			const { rows } = await pool.query('select count(*)::int as n from sb_appointment_reminders');
			assert.equal(rows[0]?.n, 0, 'the claim is freed for the retry');
		});

		it('should free the claim when sending fails, so the retry sends it', async () => {
			const failing = deps(async () => {
				throw new Error('Chatwoot is down');
			});
			await assert.rejects(deliverReminder(failing, job), /Chatwoot is down/);
			assert.equal(await deliverReminder(deps(), job), 'sent');
			assert.equal(sent.length, 1);
		});
	});
});

const sessionReminder: Template = {
	key: 'appointment_reminder',
	language: 'en',
	channel: 'whatsapp_session',
	status: 'published',
	subject: null,
	body: 'Reminder: {{appointment.service}}, {{contact.first_name}}.',
	fallbacks: {},
	whatsapp: null,
};
const approvedReminder: Template = {
	...sessionReminder,
	channel: 'whatsapp_template',
	body: 'Hi {{contact.first_name}}, a reminder of your {{appointment.service}}.',
	whatsapp: {
		name: 'appointment_reminder',
		languageCode: 'en',
		category: 'UTILITY',
		parameters: [
			{ component: 'body', position: 1, variable: 'contact.first_name' },
			{ component: 'body', position: 2, variable: 'appointment.service' },
		],
	},
};

/** Chatwoot at the seam: the conversation's window, and the messages created in it. */
function chatwootAt(options: { canReply: boolean; templates: Template[] }) {
	const created: Record<string, unknown>[] = [];
	const chatwoot = {
		conversations: { get: async () => ({ can_reply: options.canReply }) },
		messages: {
			create: async (_conversationId: number, body: Record<string, unknown>) => {
				created.push(body);
				return { id: created.length };
			},
		},
	};
	const reader = {
		messageTemplate: async (key: string, _language: string, pick?: { channel?: string }) =>
			options.templates.find(
				(t) => t.key === key && t.channel === (pick?.channel ?? 'whatsapp_session'),
			) ?? null,
	};
	const sender = chatReminderSender({
		chatwoot: chatwoot as unknown as Parameters<typeof chatReminderSender>[0]['chatwoot'],
		reader: reader as unknown as Parameters<typeof chatReminderSender>[0]['reader'],
		business: { name: 'Northwind Fibre', timeZone: 'Europe/Madrid' } as Parameters<
			typeof chatReminderSender
		>[0]['business'],
		now: () => new Date('2027-03-10T13:00:00Z'),
	});
	return { sender, created };
}

function connectionStringOf(database: TestDatabase): string {
	const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const url = new URL(admin);
	url.pathname = `/${database.name}`;
	return url.toString();
}
