import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	ALL_DEPARTMENTS,
	formatChecklist,
	goLiveItems,
	type ChecklistItem,
	type GoLiveFacts,
} from './go-live-items.ts';

const NOW = new Date('2026-12-06T12:00:00Z');

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
			},
		},
		claudeProblems: [],
		metaCallback: { ok: true, value: 'https://hooks.fibra.pt/webhooks/meta' },
		expectedCallback: 'https://hooks.fibra.pt/webhooks/meta',
		metaEmpty: [],
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
					['Agents in teams (Chatwoot)', true],
					['Claude key, model and prices (.env)', true],
					["Meta's callback and verify token", true],
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
								value: { business: { ok: true, value }, faqByDepartment: { sales: 1, support: 1 } },
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
