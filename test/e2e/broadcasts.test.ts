// Broadcasts where staff and customers touch them (issue #19): a customer's STOP suppresses them
// before triage and is confirmed in their language, START re-subscribes, and a broadcast scheduled
// in Directus goes out at its time through the sender, to each recipient once, leaving out whoever
// opted out meanwhile; a cancel stops it; a reply shows agents which broadcast it answers.
// Also the production verify command's trace, here because this stack has Meta's route to the gateway.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { localDateTime } from '@switchboard/glue/common';
import { approvedTemplateRow } from '@switchboard/glue/meta';
import { CHATWOOT_SIM_INBOXES } from '../../simulators/src/chatwoot/index.ts';
import { listen, type RunningServer } from '../../simulators/src/common/listen.ts';
import { createMetaSimulator, type MetaSimulator } from '../../simulators/src/meta/index.ts';
import { createProcessRunner } from '../../scripts/production/command.ts';
import { readDirectusFacts } from '../../scripts/production/go-live-facts.ts';
import { urlTarget } from '../../scripts/production/postgres-target.ts';
import { describeTrace, readTrace } from '../../scripts/production/verify-trace.ts';
import {
	agentView,
	conversationView,
	customerWrites,
	eventually,
	newCustomer,
	setDepartmentHours,
} from './inbound-support.ts';
import { listExecutions, startE2eStack, TEST_GATEWAY_ENV, type E2eStack } from './stack.ts';

const SALES = CHATWOOT_SIM_INBOXES.sales.phoneNumber;
/** Sales' WhatsApp number in the seed (directus/seed, from chatwoot/config). */
const SALES_PHONE_ID = '1555000000001';
const TEMPLATE = 'june_fibre_offer';
const TIME_ZONE = 'America/New_York';
/** Slow enough to cancel mid-send, and to see that nothing goes faster than the number's rate. */
const RATE = 3;
/** Meta's callback is the gateway's /webhooks/meta: customers' messages and statuses are stored there. */
const META_APP_SECRET = 'e2e-broadcasts-app-secret';
const META_VERIFY_TOKEN = 'e2e-broadcasts-verify-token';
const META_TOKEN = 'sim-meta-token';

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
	/** The sender's last log lines, for a failure's message. */
	const senderLog = () => e2e.broadcastSender?.process.logTail(5) ?? '';

	before(async () => {
		e2e = await startE2eStack({
			gatewayEnv: {
				...TEST_GATEWAY_ENV,
				META_APP_SECRET,
				META_WEBHOOK_VERIFY_TOKEN: META_VERIFY_TOKEN,
			},
		});
		const sim = createMetaSimulator({
			appSecret: META_APP_SECRET,
			verifyToken: META_VERIFY_TOKEN,
			webhookUrl: `${e2e.gateway.url}/webhooks/meta`,
			accessTokens: [{ token: META_TOKEN }],
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

		// The sender as production runs it: its own process (glue/src/broadcasts/sender-main.ts),
		// reading Directus's schedule every 0.5 s.
		await e2e.startBroadcastSender({
			metaUrl: meta.server.url,
			metaToken: META_TOKEN,
			metaAppSecret: META_APP_SECRET,
			env: { BROADCAST_RATE_PER_SECOND: String(RATE), BROADCAST_SYNC_MS: '500' },
		});
	});
	after(async () => {
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

	it('should act on STOP in a conversation an agent has taken, tell the agent, and triage nothing', async () => {
		const from = newCustomer();
		const first = await writes(from, 'Hola, tengo una duda con mi factura');
		await agentView(e2e.chatwoot).conversations.toggleStatus(first.conversationId, {
			status: 'open',
		});
		const decisions = async () =>
			(
				await e2e.pool.query('select 1 from sb_ai_decisions where conversation_id = $1', [
					first.conversationId,
				])
			).rowCount;
		const triaged = await decisions();

		const stop = await writes(from, 'STOP');
		assert.equal(stop.conversationId, first.conversationId);
		assert.equal(stop.result, 'opted_out', await lastChecks());
		assert.equal(await suppressed(from), 'opt_out');
		const view = await eventually('the confirmation and the note', async () => {
			const current = await conversationView(agentView(e2e.chatwoot), stop.conversationId);
			return current.notes.some((note) => note.includes('"STOP" and opted out'))
				? current
				: undefined;
		});
		assert.ok(
			view.replies.includes(
				'Done: Northwind Fibre will not send you offers or news on WhatsApp any more. Write START if you change your mind.',
			),
			view.replies.join('\n'),
		);
		assert.equal(view.status, 'open', 'still the agent’s');
		assert.equal(await decisions(), triaged, 'no triage for the stop word');
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
				`${String(error)}; record ${JSON.stringify(await broadcastRecord(id))}; ${senderLog()}`,
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
			`sent ${sentBefore} of 60; deliveries ${JSON.stringify(states.rows)}; ${senderLog()}`,
		);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		const sentAfter = [...(await sendsTo()).keys()].filter((to) => to.startsWith('1646555')).length;
		assert.equal(sentAfter, sentBefore);
	});

	/** Messages the Meta simulator accepted, by recipient (digits), with their type. */
	const accepted = (prefix: string) => {
		const byPhone = new Map<string, string[]>();
		for (const message of meta.sim.state.whatsapp.messages.values()) {
			if (!message.to.startsWith(prefix)) continue;
			byPhone.set(message.to, [...(byPhone.get(message.to) ?? []), message.type]);
		}
		return byPhone;
	};
	const simConfig = async (body: unknown) => {
		const res = await fetch(`${meta.server.url}/__sim/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...(body as object), skipVerification: true }),
		});
		assert.equal(res.status, 200, await res.text());
	};
	const finished = (id: number) =>
		eventually(`broadcast ${id} finished`, async () => {
			const record = await broadcastRecord(id);
			return ['sent', 'partially_failed', 'failed'].includes(record.status) ? record : undefined;
		}).catch(async (error: unknown) => {
			throw new Error(
				`${String(error)}; record ${JSON.stringify(await broadcastRecord(id))}; ${senderLog()}`,
			);
		});

	it('should reach the contacts a Chatwoot label defines, once each, beside the listed ones', async () => {
		const label = `june-fans-${process.pid}`;
		const prefix = `1617666${String(process.pid % 100).padStart(2, '0')}`;
		const [fan, listedFan, other] = ['01', '02', '03'].map((n) => `+${prefix}${n}`) as [
			string,
			string,
			string,
		];
		const agent = agentView(e2e.chatwoot);
		for (const [from, labels] of [
			[fan, [label]],
			[listedFan, [label]],
			[other, ['billing']],
		] as const) {
			// Once workflow 01 is done with the message, so its own label writes are over.
			const sent = await writes(from, 'Is Fibre 500 available on my street?', 'Label Fan');
			await agent.conversations.addLabels(sent.conversationId, [...labels]);
		}
		// A group by label, plus a listed group holding one of the same people.
		const id = await draftBroadcast('Label offer', [listedFan]);
		const byLabel = await directus('POST', '/items/recipient_groups', {
			name: 'June fans (label)',
			chatwoot_labels: [label],
		});
		assert.equal(byLabel.status, 200, byLabel.error ?? '');
		const listedGroups = (
			(await directus('GET', `/items/broadcasts/${id}?fields=groups.recipient_groups_id`)).data as {
				groups: { recipient_groups_id: number }[];
			}
		).groups;
		const linked = await directus('PATCH', `/items/broadcasts/${id}`, {
			groups: [...listedGroups, { recipient_groups_id: (byLabel.data as { id: number }).id }],
		});
		assert.equal(linked.status, 200, linked.error ?? '');
		const scheduled = await schedule(id, 3_000);
		assert.equal(scheduled.status, 200, scheduled.error ?? '');
		// Directus's estimate asked Chatwoot for the label, as the sender does: both, counted once.
		assert.equal((await broadcastRecord(id)).estimate?.recipients, 2);
		const done = await finished(id);
		assert.equal(done.status, 'sent');
		assert.equal(done.recipient_count, 2);
		const sends = accepted(prefix);
		assert.deepEqual(sends.get(fan.slice(1)), ['template']);
		assert.deepEqual(sends.get(listedFan.slice(1)), ['template']);
		assert.equal(sends.get(other.slice(1)), undefined, 'another label is not this group');
	});

	it('should send free-form text inside the 24-hour window and the approved template outside it', async () => {
		const prefix = `1617777${String(process.pid % 100).padStart(2, '0')}`;
		const [inside, outside] = [`+${prefix}01`, `+${prefix}02`];
		// The marketing text for customers who wrote within 24 hours.
		const session = await directus('POST', '/items/message_templates', {
			key: `${TEMPLATE}_window`,
			language: 'en',
			channel: 'whatsapp_session',
			status: 'published',
			body: 'Thanks for writing, {{contact.first_name}}: Fibre 500 is half price in June.',
			fallbacks: [{ variable: 'contact.first_name', text: 'there' }],
		});
		assert.equal(session.status, 200, session.error ?? '');
		const approved = await directus('POST', '/items/message_templates', {
			key: `${TEMPLATE}_window`,
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
		assert.equal(approved.status, 200, approved.error ?? '');
		// Both wrote on WhatsApp (through Meta's callback, the gateway); one of them 30 hours ago.
		for (const from of [inside, outside]) {
			const res = await fetch(`${meta.server.url}/__sim/inbound`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ phone_number_id: SALES_PHONE_ID, from, text: 'Hello!' }),
			});
			assert.equal(res.status, 200, await res.text());
		}
		const stored = await eventually('both messages in the ledger', async () => {
			const { rows } = await e2e.pool.query<{ contact: string }>(
				"select contact from sb_meta_events where kind = 'message' and contact = any($1)",
				[[inside.slice(1), outside.slice(1)]],
			);
			return rows.length === 2 ? rows : undefined;
		});
		assert.equal(stored.length, 2);
		await e2e.pool.query(
			"update sb_meta_events set received_at = now() - interval '30 hours' where kind = 'message' and contact = $1",
			[outside.slice(1)],
		);
		const id = await draftBroadcast('Window offer', [inside, outside]);
		assert.equal(
			(await directus('PATCH', `/items/broadcasts/${id}`, { template_key: `${TEMPLATE}_window` }))
				.status,
			200,
		);
		const scheduled = await schedule(id, 3_000);
		assert.equal(scheduled.status, 200, scheduled.error ?? '');
		assert.equal(
			(await finished(id)).status,
			'sent',
			JSON.stringify(
				await e2e.pool
					.query(
						'select state, error_code, error_title from sb_broadcast_deliveries where broadcast_id = $1',
						[String(id)],
					)
					.then((r) => r.rows),
			),
		);
		const sends = accepted(prefix);
		assert.deepEqual(sends.get(inside.slice(1)), ['text']);
		assert.deepEqual(sends.get(outside.slice(1)), ['template']);
	});

	it('should pause on an expired access token, show staff why, and resume without resending', async () => {
		const prefix = `1646777${String(process.pid % 100).padStart(2, '0')}`;
		const phones = Array.from({ length: 12 }, (_, i) => `+${prefix}${String(i).padStart(2, '0')}`);
		const id = await draftBroadcast('Token offer', phones);
		assert.equal((await schedule(id, 2_000)).status, 200);
		await eventually('a few sent', async () =>
			[...accepted(prefix).values()].length >= 2 ? true : undefined,
		);
		// The system user's token expires mid-broadcast.
		await simConfig({ accessTokens: [{ token: META_TOKEN, expiresAt: 1 }] });
		try {
			const paused = await eventually('paused in Directus', async () => {
				const record = await broadcastRecord(id);
				return record.status === 'paused' ? record : undefined;
			});
			assert.match(paused.status_note ?? '', /access token has expired/);
			assert.match(paused.status_note ?? '', /META_WHATSAPP_TOKEN/);
			const failed = await e2e.pool.query(
				"select 1 from sb_broadcast_deliveries where broadcast_id = $1 and state = 'failed'",
				[String(id)],
			);
			assert.equal(failed.rowCount, 0, 'nobody failed one by one');
			const sentBefore = accepted(prefix).size;
			assert.ok(sentBefore < 12, `sent ${sentBefore} of 12 before the pause`);
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			assert.equal(accepted(prefix).size, sentBefore, 'nothing sent while paused');
		} finally {
			await simConfig({ accessTokens: [{ token: META_TOKEN }] });
		}
		// The token is fixed; marketing sets the broadcast back to Processing.
		const resumed = await directus('PATCH', `/items/broadcasts/${id}`, { status: 'processing' });
		assert.equal(resumed.status, 200, resumed.error ?? '');
		assert.equal((await finished(id)).status, 'sent');
		const sends = accepted(prefix);
		assert.equal(sends.size, 12);
		for (const phone of phones) assert.deepEqual(sends.get(phone.slice(1)), ['template'], phone);
	});

	it('should take a broadcast created directly as Scheduled, checked as Draft → Scheduled is', async () => {
		const prefix = `1646888${String(process.pid % 100).padStart(2, '0')}`;
		const phones = ['01', '02'].map((n) => `+${prefix}${n}`);
		const created = await directus(
			'POST',
			'/items/recipients',
			phones.map((phone) => ({
				phone,
				name: 'Direct Scheduled',
				language: 'en',
				opt_in_source: 'web_form',
				opted_in_at: new Date().toISOString(),
			})),
		);
		assert.equal(created.status, 200, created.error ?? '');
		const group = await directus('POST', '/items/recipient_groups', {
			name: 'Direct scheduled group',
			recipients: (created.data as { id: number }[]).map((row) => ({ recipients_id: row.id })),
		});
		assert.equal(group.status, 200, group.error ?? '');
		const scheduled = {
			name: 'Scheduled at once',
			template_key: TEMPLATE,
			department: 'sales',
			status: 'scheduled',
			scheduled_at: localDateTime(Date.now() + 3_000, TIME_ZONE),
		};
		// The same checks as the transition: a template nobody has is refused, saying why.
		const refused = await directus('POST', '/items/broadcasts', {
			...scheduled,
			template_key: 'no_such_template',
			groups: [{ recipient_groups_id: (group.data as { id: number }).id }],
		});
		assert.equal(refused.status, 400);
		assert.match(refused.error ?? '', /cannot be scheduled/);
		// A group created in the same save has no saved recipients to check yet.
		const nested = await directus('POST', '/items/broadcasts', {
			...scheduled,
			groups: [{ recipient_groups_id: { name: 'Made in passing' } }],
		});
		assert.equal(nested.status, 400);
		assert.match(nested.error ?? '', /already saved/);

		const res = await directus('POST', '/items/broadcasts', {
			...scheduled,
			groups: [{ recipient_groups_id: (group.data as { id: number }).id }],
		});
		assert.equal(res.status, 200, res.error ?? '');
		const id = (res.data as { id: number }).id;
		assert.equal((await broadcastRecord(id)).estimate?.recipients, 2);
		assert.equal((await finished(id)).status, 'sent');
		const sends = await sendsTo();
		for (const phone of phones) assert.equal(sends.get(phone.slice(1)), 1, phone);
	});

	it("should be followed from Meta's webhook to its decision by the production verify command's trace, and read by the go-live check", async () => {
		// Sales open, so the answer is the FAQ's (the seed keeps business hours). Last in the file:
		// the hours stay changed.
		await setDepartmentHours(e2e, 'sales', 'always');
		const since = new Date();
		const from = newCustomer();
		// As in production: the operator's phone writes to the business number, Meta calls the
		// gateway's /webhooks/meta, and the gateway hands the message to Chatwoot.
		const res = await fetch(`${meta.server.url}/__sim/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				phone_number_id: SALES_PHONE_ID,
				from,
				name: 'Operator Test',
				text: '¿Cuánto tarda la instalación?',
			}),
		});
		assert.equal(res.status, 200, await res.text());
		// verify.ts reads with psql, as production does in the postgres container: here on the
		// stack's own databases (sbtest_<run>_directus and sbtest_<run>_n8n).
		const ledgerUrl = String(e2e.pool.options.connectionString);
		const ledger = new URL(ledgerUrl).pathname.slice(1);
		const source = {
			runner: createProcessRunner(),
			target: urlTarget(ledgerUrl),
			databases: { ledger, n8n: ledger.replace(/_directus$/, '_n8n') },
		};
		const query = { since, number: SALES, from, workflowId: 'sbInboundTriage1' };
		const links = {
			n8n: 'https://n8n',
			chatwoot: 'https://chat',
			accountId: 1,
			workflowId: 'sbInboundTriage1',
		};
		let last = '';
		const trace = await eventually('the decision and the execution in the trace', async () => {
			const read = await readTrace(source, query);
			last = describeTrace(read, links).lines.join('\n');
			return read.decision && read.execution?.status === 'success' ? read : undefined;
		}).catch((error: unknown) => {
			throw new Error(`${String(error)}\n${last}`);
		});
		assert.equal(trace.meta?.forward_state, 'done', last);
		const conversationId = trace.inbound?.conversation_id;
		assert.ok(conversationId, last);
		assert.equal(trace.decision?.conversation_id, conversationId);
		assert.equal(trace.decision?.outcome, 'auto_replied');
		// The decision names the worker's execution that logged it, and the trace shows that one.
		assert.ok(trace.decision?.n8n_execution_id, last);
		assert.equal(trace.execution?.id, trace.decision?.n8n_execution_id);
		assert.match(trace.decision?.reply ?? '', /5 días hábiles/);
		// The reply the trace names is the one the customer got in that conversation.
		const view = await conversationView(agentView(e2e.chatwoot), conversationId);
		assert.deepEqual(view.replies, [trace.decision?.reply]);
		const described = describeTrace(trace, links);
		assert.equal(described.complete, true);
		assert.equal(described.stuckAt, null);

		// The go-live check reads what the bot reads: the seed is the demo's business.
		const facts = await readDirectusFacts({
			url: e2e.directusUrl,
			token: e2e.stack.directus.adminToken,
		});
		assert.ok(facts.ok, facts.ok ? '' : facts.error);
		assert.equal(facts.value.business.ok && facts.value.business.value.name, 'Northwind Fibre');
		assert.ok(
			(facts.value.faqByDepartment.sales ?? 0) > 0,
			JSON.stringify(facts.value.faqByDepartment),
		);
	});
});
