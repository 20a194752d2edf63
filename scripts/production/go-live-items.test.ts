import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPT_OUT_TEMPLATE_KEYS } from '@switchboard/glue/audience';
import { REMINDER_TEMPLATE } from '@switchboard/glue/booking';
import {
	ALL_DEPARTMENTS,
	formatChecklist,
	goLiveItems,
	NEEDED_TEMPLATES,
	type ChecklistItem,
	type GoLiveFacts,
	type TemplateFacts,
} from './go-live-items.ts';

const NOW = new Date('2026-12-06T12:00:00Z');

/** Every message the product needs published in English, the reminder mapped to Meta's approved one. */
function readyTemplates(): TemplateFacts {
	return {
		published: [
			...NEEDED_TEMPLATES.map(({ key, channel }) => ({
				key,
				language: 'en',
				channel,
				whatsapp: channel === 'whatsapp_template' ? { name: `${key}_v2`, language: 'en_US' } : null,
			})),
			{ key: 'greeting', language: 'pt', channel: 'whatsapp_session', whatsapp: null },
		],
		approved: [
			{ name: 'appointment_reminder_v2', language: 'en_US', status: 'APPROVED' },
			{ name: 'summer_promo', language: 'pt_PT', status: 'PENDING' },
		],
	};
}

/** A business ready to go live; each test breaks one thing. */
function facts(overrides: Partial<GoLiveFacts> = {}): GoLiveFacts {
	return {
		business: {
			ok: true,
			departments: [
				{ key: 'sales', team: 'sales', numbers: ['+351912000101'] },
				{ key: 'support', team: 'support', numbers: ['+351912000102'] },
			],
		},
		chatwoot: {
			ok: true,
			value: {
				whatsappNumbers: ['+351912000101', '+351912000102'],
				teams: [
					{ name: 'sales', members: 2 },
					{ name: 'support', members: 1 },
				],
			},
		},
		directus: {
			ok: true,
			value: {
				business: {
					ok: true,
					value: { name: 'Fibra Lda', timeZone: 'Europe/Lisbon', openDays: 5 },
				},
				faqByDepartment: { sales: 4, support: 6 },
				templates: readyTemplates(),
			},
		},
		claudeProblems: [],
		metaCallback: { ok: true, value: 'https://hooks.fibra.pt/webhooks/meta' },
		expectedCallback: 'https://hooks.fibra.pt/webhooks/meta',
		metaEmpty: [],
		mail: { sender: 'Fibra <noreply@fibra.pt>', smtpHost: 'smtp.fibra.pt' },
		backups: {
			ok: true,
			value: { dir: '/var/backups/switchboard', newest: new Date('2026-12-06T03:15:00Z') },
		},
		now: NOW,
		...overrides,
	};
}

function item(all: ChecklistItem[], title: RegExp): ChecklistItem {
	const found = all.find((i) => title.test(i.title));
	assert.ok(found, `no item ${title}`);
	return found;
}

describe('go-live-items.ts', () => {
	describe('goLiveItems', () => {
		it('should mark every item done for a business that is ready', () => {
			const items = goLiveItems(facts());
			assert.deepEqual(
				items.map((i) => [i.title, i.done]),
				[
					['Real WhatsApp numbers', true],
					['Business info, hours and time zone (Directus)', true],
					['FAQ', true],
					['Message templates (Directus; WhatsApp approval)', true],
					['Agents in teams (Chatwoot)', true],
					['Claude key, model and prices (.env)', true],
					["Meta's callback and verify token", true],
					['Outgoing mail (.env)', true],
					['Backups', true],
				],
			);
			assert.equal(
				item(items, /Business info/).detail,
				'Fibra Lda, Europe/Lisbon, open 5 days a week',
			);
		});

		it("should pass the config's problem on when business.yaml cannot go live", () => {
			const items = goLiveItems(
				facts({
					business: {
						ok: false,
						problem: 'chatwoot/config/business.yaml still has made-up +1 555 numbers: …',
					},
				}),
			);
			assert.match(item(items, /numbers/).detail, /made-up \+1 555/);
			assert.equal(item(items, /Agents/).done, false);
		});

		it('should name each number without its WhatsApp inbox in Chatwoot', () => {
			const f = facts();
			const chatwoot = {
				ok: true as const,
				value: { whatsappNumbers: ['+351912000101'], teams: [] },
			};
			const numbers = item(goLiveItems({ ...f, chatwoot }), /numbers/);
			assert.equal(numbers.done, false);
			assert.match(
				numbers.detail,
				/^no WhatsApp inbox in Chatwoot for \+351912000102: create each/,
			);
		});

		it('should say why Chatwoot could not be read', () => {
			const items = goLiveItems(
				facts({ chatwoot: { ok: false, error: 'Chatwoot is unreachable (connection refused)' } }),
			);
			assert.equal(
				item(items, /numbers/).detail,
				"cannot read Chatwoot's inboxes: Chatwoot is unreachable (connection refused)",
			);
		});

		it("should refuse the demo's business info, and one without opening hours", () => {
			const withBusiness = (value: { name: string; timeZone: string; openDays: number }) =>
				item(
					goLiveItems(
						facts({
							directus: {
								ok: true,
								value: {
									business: { ok: true, value },
									faqByDepartment: { sales: 1, support: 1 },
									templates: readyTemplates(),
								},
							},
						}),
					),
					/Business info/,
				);
			assert.match(
				withBusiness({ name: 'Northwind Fibre', timeZone: 'America/New_York', openDays: 6 }).detail,
				/^still the demo's \(Northwind Fibre\)/,
			);
			assert.match(
				withBusiness({ name: 'Fibra Lda', timeZone: 'Europe/Lisbon', openDays: 0 }).detail,
				/^Fibra Lda has no opening hours/,
			);
		});

		it('should name the departments without a published FAQ, and count the shared ones for all', () => {
			const withFaq = (faqByDepartment: Record<string, number>) =>
				item(
					goLiveItems(
						facts({
							directus: {
								ok: true,
								value: {
									business: { ok: true, value: { name: 'F', timeZone: 'UTC', openDays: 1 } },
									faqByDepartment,
									templates: readyTemplates(),
								},
							},
						}),
					),
					/FAQ/,
				);
			assert.match(withFaq({ sales: 3 }).detail, /^no published FAQ for support:/);
			assert.equal(withFaq({ [ALL_DEPARTMENTS]: 2 }).done, true);
			assert.match(withFaq({}).detail, /^no published FAQ for sales, support:/);
		});

		const withTemplates = (templates: TemplateFacts) => {
			const ready = facts();
			assert.ok(ready.directus.ok);
			return item(
				goLiveItems({
					...ready,
					directus: { ok: true, value: { ...ready.directus.value, templates } },
				}),
				/Message templates/,
			);
		};

		it('should count the published messages and the WhatsApp templates Meta approved', () => {
			assert.equal(
				withTemplates(readyTemplates()).detail,
				'6 messages published; 1 WhatsApp template mapped to one Meta approved',
			);
		});

		it('should name each message the product sends that has no published template', () => {
			const ready = readyTemplates();
			const templates = {
				...ready,
				published: ready.published.filter(
					(t) =>
						t.key !== 'opt_out_confirmation' &&
						!(t.key === 'appointment_reminder' && t.channel === 'whatsapp_template'),
				),
			};
			const missing = withTemplates(templates);
			assert.equal(missing.done, false);
			assert.match(
				missing.detail,
				/^no published opt_out_confirmation, appointment_reminder \(WhatsApp template\): write them in Directus › Message templates/,
			);
		});

		it('should take a draft as missing, and a Messenger text for WhatsApp text', () => {
			const ready = readyTemplates();
			const handoff = ready.published.find((t) => t.key === 'handoff')!;
			const asMessenger = withTemplates({
				...ready,
				published: ready.published.map((t) => (t === handoff ? { ...t, channel: 'messenger' } : t)),
			});
			assert.equal(asMessenger.done, true);
			const withoutHandoff = withTemplates({
				...ready,
				published: ready.published.filter((t) => t !== handoff),
			});
			assert.match(withoutHandoff.detail, /^no published handoff: write it in/);
		});

		it("should name each WhatsApp template whose Meta template is not approved or not in Meta's list", () => {
			const ready = readyTemplates();
			const reminder = (whatsapp: { name: string; language: string } | null) => ({
				key: 'appointment_reminder',
				language: 'es',
				channel: 'whatsapp_template',
				whatsapp,
			});
			const templates = {
				published: [
					...ready.published,
					reminder({ name: 'appointment_reminder_v2', language: 'es' }),
					reminder({ name: 'summer_promo', language: 'pt_PT' }),
				],
				approved: ready.approved,
			};
			const unapproved = withTemplates(templates);
			assert.equal(unapproved.done, false);
			assert.equal(
				unapproved.detail,
				"appointment_reminder es maps to appointment_reminder_v2 (es), which Meta's list lacks; appointment_reminder es maps to summer_promo (pt_PT), which Meta lists as PENDING: submit it in WhatsApp Manager and, once Meta approves it, let Directus sync (hourly at :15) or map an approved one in Directus › Message templates",
			);
		});

		it('should need the keys glue sends by, each published in the seed on the channel named, and every WhatsApp template the seed maps', () => {
			const needed: string[] = NEEDED_TEMPLATES.map(({ key }) => key);
			for (const key of [...Object.values(OPT_OUT_TEMPLATE_KEYS), REMINDER_TEMPLATE]) {
				assert.ok(needed.includes(key), key);
			}
			const seed = JSON.parse(
				readFileSync(join(import.meta.dirname, '../../directus/seed/northwind-fibre.json'), 'utf8'),
			) as { message_templates: { key: string; channel?: string; status?: string }[] };
			const seeded = seed.message_templates.filter(
				(t) => (t.status ?? 'published') === 'published',
			);
			for (const { key, channel } of NEEDED_TEMPLATES) {
				assert.ok(
					seeded.some((t) => t.key === key && (t.channel ?? 'whatsapp_session') === channel),
					`${key} on ${channel}`,
				);
			}
			const mappedInSeed = seeded.filter((t) => t.channel === 'whatsapp_template');
			assert.ok(mappedInSeed.length > 0);
			for (const t of mappedInSeed) {
				assert.ok(
					NEEDED_TEMPLATES.some((n) => n.key === t.key && n.channel === 'whatsapp_template'),
					t.key,
				);
			}
		});

		it('should name each team with no agent, and each team Chatwoot lacks', () => {
			const withTeams = (teams: { name: string; members: number }[]) =>
				item(
					goLiveItems(
						facts({
							chatwoot: {
								ok: true,
								value: { whatsappNumbers: ['+351912000101', '+351912000102'], teams },
							},
						}),
					),
					/Agents/,
				);
			assert.match(
				withTeams([
					{ name: 'sales', members: 1 },
					{ name: 'support', members: 0 },
				]).detail,
				/^no agent in team support:/,
			);
			assert.match(
				withTeams([{ name: 'sales', members: 1 }]).detail,
				/^team support not in Chatwoot/,
			);
		});

		it('should list what Claude still needs', () => {
			const claude = item(
				goLiveItems(
					facts({ claudeProblems: ['ANTHROPIC_API_KEY (empty)', 'ANTHROPIC_MODEL (empty)'] }),
				),
				/Claude/,
			);
			assert.match(
				claude.detail,
				/^set ANTHROPIC_API_KEY \(empty\), ANTHROPIC_MODEL \(empty\) in \.env/,
			);
		});

		it("should ask for the verify token first, then compare Meta's callback with the gateway's", () => {
			assert.match(
				item(goLiveItems(facts({ metaEmpty: ['META_WEBHOOK_VERIFY_TOKEN'] })), /Meta/).detail,
				/^set META_WEBHOOK_VERIFY_TOKEN in \.env/,
			);
			const chatwootCallback = item(
				goLiveItems(
					facts({ metaCallback: { ok: true, value: 'https://chat.fibra.pt/webhooks/whatsapp' } }),
				),
				/Meta/,
			);
			assert.match(
				chatwootCallback.detail,
				/^Meta sends the WABA's webhooks to https:\/\/chat\.fibra\.pt\/webhooks\/whatsapp, not https:\/\/hooks\.fibra\.pt\/webhooks\/meta/,
			);
			assert.match(
				item(goLiveItems(facts({ metaCallback: { ok: true, value: null } })), /Meta/).detail,
				/the app's default callback/,
			);
		});

		it('should want a mail server, then a sender for the workflows named MAILER_SENDER_EMAIL', () => {
			const mail = (sender: string, smtpHost: string) =>
				item(goLiveItems(facts({ mail: { sender, smtpHost } })), /mail/);
			const noServer = mail('Fibra <noreply@fibra.pt>', '');
			assert.equal(noServer.done, false);
			assert.match(noServer.detail, /^SMTP_ADDRESS is empty: set it, SMTP_PORT, SMTP_USERNAME/);
			const noSender = mail('', 'smtp.fibra.pt');
			assert.equal(noSender.done, false);
			assert.match(noSender.detail, /set MAILER_SENDER_EMAIL in \.env/);
			assert.deepEqual(mail('noreply@fibra.pt', 'smtp.fibra.pt'), {
				title: 'Outgoing mail (.env)',
				done: true,
				detail: 'sent through smtp.fibra.pt as noreply@fibra.pt',
			});
		});

		it('should want a backup younger than 36 hours', () => {
			const at = (newest: Date | null) =>
				item(
					goLiveItems(facts({ backups: { ok: true, value: { dir: '/b', newest } } })),
					/Backups/,
				);
			assert.equal(at(new Date('2026-12-05T01:00:00Z')).done, true);
			assert.match(
				at(new Date('2026-12-03T01:00:00Z')).detail,
				/^the newest backup in \/b is 3 days old/,
			);
			assert.match(at(null).detail, /^no backup in \/b yet/);
		});
	});

	describe('formatChecklist', () => {
		it('should print done and to do, then how many are left', () => {
			const text = formatChecklist([
				{ title: 'FAQ', done: true, detail: '10 entries' },
				{ title: 'Backups', done: false, detail: 'no backup yet' },
			]);
			assert.equal(text, 'done   FAQ: 10 entries\nto do  Backups: no backup yet\n1 of 2 to do.');
		});
	});
});
