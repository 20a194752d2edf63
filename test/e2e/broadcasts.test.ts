// Broadcasts where staff and customers touch them (issue #19): a customer's STOP suppresses them
// before triage and is confirmed in their language, START re-subscribes, and a broadcast scheduled
// in Directus goes out at its time through the sender, to each recipient once, leaving out whoever
// opted out meanwhile; a cancel stops it; a reply shows agents which broadcast it answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import {
	createDirectusBroadcastStore,
	directusBroadcastRecords,
	suppressedPhonesIn,
	syncBroadcastSchedules,
} from '@switchboard/glue/audience';
import { startBroadcastSender, type BroadcastSender } from '@switchboard/glue/broadcasts';
import { localDateTime } from '@switchboard/glue/common';
import { connectDirectus } from '@switchboard/glue/content';
import { createJobs, type Jobs } from '@switchboard/glue/jobs';
import { approvedTemplateRow, createMetaClient } from '@switchboard/glue/meta';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import { createMetaSimulator, type MetaSimulator } from '../../simulators/src/meta/index.ts';
import {
	agentView,
	conversationView,
	customerWrites,
	eventually,
	newCustomer,
} from './inbound-support.ts';
import { listExecutions, startE2eStack, type E2eStack } from './stack.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;
/** Sales' WhatsApp number in the seed (directus/seed, from chatwoot/config). */
const SALES_PHONE_ID = '1555000000001';
const TEMPLATE = 'june_fibre_offer';
const TIME_ZONE = 'America/New_York';
/** Slow enough to cancel mid-send, and to see that nothing goes faster than the number's rate. */
const RATE = 3;

const approvedTemplate = {
	name: TEMPLATE,
	language: 'en_US',
	category: 'MARKETING' as const,
	status: 'APPROVED' as const,
	parameter_format: 'POSITIONAL' as const,
	components: [
		{
			type: 'BODY' as const,
			text: 'Hi {{1}}, Fibre 500 is half price in June. Reply {{2}} to stop these messages.',
			example: { body_text: [['Ana', 'STOP']] },
		},
	],
};

describe('broadcasts', () => {
	let e2e: E2eStack;

	/** As the Directus admin (marketing does the same in the Studio). */
	const directus = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${e2e.directusUrl}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${e2e.stack.directus.adminToken}`,
				'content-type': 'application/json',
			},
			...(body === undefined ? {} : { body: JSON.stringify(body) }),
		});
		const json = (await res.json().catch(() => ({}))) as {
			data?: unknown;
			errors?: { message: string }[];
		};
		return { status: res.status, data: json.data, error: json.errors?.[0]?.message ?? null };
	};

	const suppressed = async (phone: string) =>
		(
			await e2e.pool.query<{ reason: string }>(
				'select reason from sb_suppressions where phone = $1',
				[phone.replace(/\D/g, '')],
			)
		).rows[0]?.reason ?? null;

	/** The customer writes; resolves with what workflow 01 made of that message (its claim's result). */
	const writes = async (from: string, content: string, name = 'Lucía Pérez') => {
		const sent = await customerWrites(e2e.chatwoot, { to: SALES, from, content, name });
		// This message's own ledger row: the simulator posts to the gateway after answering, so a
		// count of the conversation's rows taken now may or may not include it already.
		const result = await eventually(`workflow 01 handling "${content}"`, async () => {
			const { rows } = await e2e.pool.query<{ result: string | null }>(
				`select c.result from sb_inbound_events e
				 join sb_inbound_claims c on c.inbound_event_id = e.id
				 where e.conversation_id = $1 and e.chatwoot_message_id = $2 and c.state = 'done'`,
				[sent.conversationId, sent.messageId],
			);
			return rows[0];
		});
		return { ...sent, result: result.result };
	};

	let meta: { sim: MetaSimulator; server: RunningServer };
	let jobs: Jobs;
	let redis: Redis;
	let sender: BroadcastSender;
	let syncTimer: NodeJS.Timeout;

	/** Sends Meta accepted (a wamid recorded), per recipient (E.164 digits). */
	const sendsTo = async () => {
		const { rows } = await e2e.pool.query<{ phone: string; n: number }>(
			'select phone, count(*)::int as n from sb_broadcast_deliveries where wamid is not null group by phone',
		);
		return new Map(rows.map((row) => [row.phone, row.n]));
	};

	const broadcastRecord = async (id: number) =>
		(await directus('GET', `/items/broadcasts/${id}?fields=*`)).data as {
			status: string;
			status_note: string | null;
			sent_count: number | null;
			recipient_count: number | null;
			estimate: { recipients: number } | null;
		};

	/** Recipients in a new group, and a draft broadcast to it. */
	const draftBroadcast = async (name: string, phones: string[]) => {
		const created = await directus(
			'POST',
			'/items/recipients',
			phones.map((phone, index) => ({
				phone,
				name: `Customer ${index} ${name}`,
				language: 'en',
				opt_in_source: 'web_form',
				opted_in_at: new Date().toISOString(),
			})),
		);
		assert.equal(created.status, 200, created.error ?? '');
		const ids = (created.data as { id: number }[]).map((row) => row.id);
		const group = await directus('POST', '/items/recipient_groups', {
			name: `${name} group`,
			recipients: ids.map((id) => ({ recipients_id: id })),
		});
		assert.equal(group.status, 200, group.error ?? '');
		const broadcast = await directus('POST', '/items/broadcasts', {
			name,
			template_key: TEMPLATE,
			department: 'sales',
			status: 'draft',
			groups: [{ recipient_groups_id: (group.data as { id: number }).id }],
		});
		assert.equal(broadcast.status, 200, broadcast.error ?? '');
		return (broadcast.data as { id: number }).id;
	};

	const schedule = (id: number, inMs: number) =>
		directus('PATCH', `/items/broadcasts/${id}`, {
			status: 'scheduled',
			scheduled_at: localDateTime(Date.now() + inMs, TIME_ZONE),
		});

	/** What workflow 01's broadcast step answered in its latest runs (for a failure's message). */
	const lastChecks = async () => {
		const runs = (await listExecutions(e2e, {
			workflowId: 'sbInboundTriage1',
			includeData: 'true',
			limit: '3',
		})) as (Awaited<ReturnType<typeof listExecutions>>[number] & {
			data?: {
				resultData?: {
					runData?: Record<string, { data?: { main?: { json: Record<string, unknown> }[][] } }[]>;
				};
			};
		})[];
		return JSON.stringify(
			runs.map(
				(run) =>
					run.data?.resultData?.runData?.['Stop, start or a broadcast reply?']?.[0]?.data
						?.main?.[0]?.[0]?.json.broadcast ??
					run.data?.resultData?.error?.message ??
					null,
			),
		);
	};
	const problems: string[] = [];

	before(async () => {
		e2e = await startE2eStack();
		const sim = createMetaSimulator({
			businessNumbers: [
				{
					phoneNumberId: SALES_PHONE_ID,
					displayPhoneNumber: '15550000001',
					wabaId: '102290129340398',
				},
			],
			templates: [approvedTemplate],
		});
		meta = { sim, server: await listen(sim.app) };
		// The approved template as the hourly sync would have copied it from Meta.
		const approved = await directus(
			'POST',
			'/items/whatsapp_approved_templates',
			approvedTemplateRow(approvedTemplate, new Date()),
		);
		assert.equal(approved.status, 200, approved.error ?? '');
		const template = await directus('POST', '/items/message_templates', {
			key: TEMPLATE,
			language: 'en',
			channel: 'whatsapp_template',
			status: 'published',
			body: 'Hi {{contact.first_name}}, Fibre 500 is half price in June. Reply {{broadcast.opt_out_word}} to stop these messages.',
			fallbacks: [{ variable: 'contact.first_name', text: 'there' }],
			whatsapp_template_name: TEMPLATE,
			whatsapp_language_code: 'en_US',
			whatsapp_category: 'MARKETING',
			whatsapp_parameters: [
				{ component: 'body', position: 1, variable: 'contact.first_name' },
				{ component: 'body', position: 2, variable: 'broadcast.opt_out_word' },
			],
		});
		assert.equal(template.status, 200, template.error ?? '');

		// The sender process, in this one: start jobs, the paced loop, and Directus picked up each 0.5 s.
		const connectionString = e2e.pool.options.connectionString as string;
		// Few connections: the machine's PostgreSQL is shared by every test stack.
		jobs = createJobs({ connectionString, maxConnections: 2 });
		await jobs.start();
		redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
		const records = directusBroadcastRecords(
			connectDirectus<object>({ url: e2e.directusUrl, token: e2e.stack.directus.adminToken }),
		);
		sender = await startBroadcastSender({
			pool: e2e.pool,
			redis,
			jobs,
			whatsapp: createMetaClient({
				accessToken: 'sim-meta-token',
				apiVersion: 'v23.0',
				graphBaseUrl: meta.server.url,
				retries: 0,
			}).whatsapp,
			store: createDirectusBroadcastStore({
				records,
				suppressedPhones: suppressedPhonesIn(e2e.pool),
			}),
			ratePerSecond: RATE,
			keyPrefix: `sb-e2e-broadcasts-${process.pid}:`,
			logger: {
				info: () => undefined,
				warn: (message, meta) =>
					void problems.push(`sender: ${message} ${JSON.stringify(meta ?? {})}`),
			},
		});
		const sync = () =>
			void syncBroadcastSchedules({ records, jobs, pool: e2e.pool }).catch((error: unknown) => {
				problems.push(`sync: ${String(error)}`);
			});
		syncTimer = setInterval(sync, 500);
	});
	after(async () => {
		clearInterval(syncTimer);
		await sender?.stop();
		await jobs?.stop();
		redis?.disconnect();
		meta?.sim.stop();
		await meta?.server.close();
		await e2e?.stop();
	});

	it('should suppress a customer who writes BAJA before triage, confirm in Spanish, and re-subscribe on ALTA', async () => {
		const from = newCustomer();
		const stop = await writes(from, '¡Baja!');
		assert.equal(stop.result, 'opted_out', await lastChecks());
		assert.equal(await suppressed(from), 'opt_out');
		const view = await eventually('the confirmation', async () => {
			const current = await conversationView(agentView(e2e.chatwoot), stop.conversationId);
			return current.replies.length > 0 ? current : undefined;
		});
		assert.deepEqual(view.replies, [
			'Hecho: Northwind Fibre ya no te enviará ofertas ni novedades por WhatsApp. Escribe ALTA si cambias de idea.',
		]);
		// No triage: the AI never saw it.
		const decisions = await e2e.pool.query(
			'select 1 from sb_ai_decisions where conversation_id = $1',
			[stop.conversationId],
		);
		assert.equal(decisions.rowCount, 0);
		const recipient = await directus(
			'GET',
			`/items/recipients?filter[phone][_eq]=${encodeURIComponent(from)}`,
		);
		assert.equal((recipient.data as { opt_out_source: string }[])[0]?.opt_out_source, 'keyword');

		const start = await writes(from, 'alta');
		assert.equal(start.result, 'opted_in');
		assert.equal(await suppressed(from), null);
	});

	it('should leave a message that merely contains the word to triage', async () => {
		const sent = await writes(
			newCustomer(),
			'Please stop charging me twice for Fibre 500',
			'Ana Ruiz',
		);
		assert.notEqual(sent.result, 'opted_out');
	});

	it('should refuse to schedule a broadcast whose groups are empty, saying so', async () => {
		const id = await draftBroadcast('Empty', []);
		const res = await schedule(id, 60_000);
		assert.equal(res.status, 400);
		assert.match(res.error ?? '', /nobody to send to/);
		assert.equal((await broadcastRecord(id)).status, 'draft');
	});

	it('should start at its time, reach each recipient once, leave out who opted out meanwhile, and show agents a reply', async () => {
		const phones = [newCustomer(), newCustomer(), newCustomer()];
		const [ana, ben, cleo] = phones as [string, string, string];
		const id = await draftBroadcast('June offer', phones);
		const scheduled = await schedule(id, 8_000);
		assert.equal(scheduled.status, 200, scheduled.error ?? '');
		assert.equal((await broadcastRecord(id)).estimate?.recipients, 3);
		// Cleo opts out between scheduling and sending.
		await writes(cleo, 'STOP');
		const done = await eventually('the broadcast sent', async () => {
			const record = await broadcastRecord(id);
			return ['sent', 'partially_failed', 'failed'].includes(record.status) ? record : undefined;
		}).catch(async (error: unknown) => {
			throw new Error(
				`${String(error)}; record ${JSON.stringify(await broadcastRecord(id))}; ${problems.slice(-5).join(' | ')}`,
			);
		});
		assert.equal(done.status, 'sent');
		const sends = await sendsTo();
		assert.equal(sends.get(ana.replace(/\D/g, '')), 1);
		assert.equal(sends.get(ben.replace(/\D/g, '')), 1);
		assert.equal(sends.get(cleo.replace(/\D/g, '')), undefined);
		const rows = await e2e.pool.query<{ n: string }>(
			'select count(*) as n from sb_broadcast_deliveries where broadcast_id = $1',
			[String(id)],
		);
		assert.ok(Number(rows.rows[0]?.n) <= 3);

		// Ana answers: the pipeline triages as usual, and the agents see which broadcast she answers.
		const reply = await writes(ana, 'Yes please, I want Fibre 500 at half price!', 'Customer 0');
		const view = await conversationView(agentView(e2e.chatwoot), reply.conversationId);
		assert.ok(
			view.notes.some((note) => note.includes('answering the broadcast "June offer"')),
			view.notes.join('\n'),
		);
	});

	it('should stop a broadcast cancelled mid-send, keeping what was sent', async () => {
		const phones = Array.from(
			{ length: 60 },
			(_, i) =>
				`+1646555${String(process.pid % 100).padStart(2, '0')}${String(i).padStart(2, '0')}`,
		);
		const id = await draftBroadcast('Cancelled offer', phones);
		assert.equal((await schedule(id, 3_000)).status, 200);
		await eventually('some sent', async () => {
			const rows = await e2e.pool.query<{ n: string }>(
				"select count(*) as n from sb_broadcast_deliveries where broadcast_id = $1 and state <> 'queued'",
				[String(id)],
			);
			return Number(rows.rows[0]?.n) >= 5 ? true : undefined;
		});
		const cancelled = await directus('PATCH', `/items/broadcasts/${id}`, { status: 'cancelled' });
		assert.equal(cancelled.status, 200, cancelled.error ?? '');
		await eventually('the sender stopped', async () =>
			(await broadcastRecord(id)).status === 'cancelled' &&
			(
				await e2e.pool.query(
					"select 1 from sb_broadcast_deliveries where broadcast_id = $1 and state = 'sending'",
					[String(id)],
				)
			).rowCount === 0
				? true
				: undefined,
		);
		const sentBefore = [...(await sendsTo()).keys()].filter((to) =>
			to.startsWith('1646555'),
		).length;
		const states = await e2e.pool.query(
			'select state, error_code, error_title, count(*)::int as n from sb_broadcast_deliveries where broadcast_id = $1 group by 1, 2, 3',
			[String(id)],
		);
		assert.ok(
			sentBefore > 0 && sentBefore < 60,
			`sent ${sentBefore} of 60; deliveries ${JSON.stringify(states.rows)}; ${problems.slice(-5).join(' | ')}`,
		);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const sentAfter = [...(await sendsTo()).keys()].filter((to) => to.startsWith('1646555')).length;
		assert.equal(sentAfter, sentBefore);
	});
});
