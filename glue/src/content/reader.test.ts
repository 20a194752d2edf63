import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePorts } from '../../../scripts/lib/ports.ts';
import {
	ContentForbiddenError,
	ContentNotFoundError,
	ContentUnauthorizedError,
	ContentUnreachableError,
} from './errors.ts';
import { createContentReader, type ContentReaderOptions } from './reader.ts';
import { knowledgeBundleSchema } from './schemas.ts';
import { startContentDirectus, type ContentDirectus } from './setup/testing.ts';

// The seed runs on 15 March 2026 at 12:00 in New York. Its live promotions: "Fibre 500 at half
// price" (sales, 8 March 09:00 – 14 April 23:59) and "Free installation" (everyone,
// 12 March 00:00 – 5 April 23:59); "Summer speed boost" ended 13 March 23:59; the referral one is a draft.
const seededAt = Date.parse('2026-03-15T16:00:00Z');
const HALF_PRICE = 'Fibre 500 at half price for 3 months';
const FREE_INSTALL = 'Free installation this month';

function manualClock(start: number) {
	let now = start;
	return { now: () => now, set: (value: number) => (now = value) };
}

describe('createContentReader', () => {
	let cms: ContentDirectus;
	let connection: { url: string; token: string };
	const reader = (overrides: Partial<ContentReaderOptions> = {}) =>
		createContentReader({ ...connection, clock: { now: () => seededAt }, ...overrides });

	before(async () => {
		cms = await startContentDirectus({ access: true, seed: { clock: { now: () => seededAt } } });
		connection = { url: cms.admin.url, token: cms.automationToken! };
	});
	after(() => cms?.stop());

	describe('departments', () => {
		it("should give each department's wiring and tuning in the contract's shape", async () => {
			const departments = await reader().departments();
			assert.deepEqual(
				departments.map((d) => d.key),
				['sales', 'support', 'billing'],
			);
			assert.deepEqual(await reader().department('billing'), {
				key: 'billing',
				name: 'Billing',
				whatsappNumbers: ['+15550000003'],
				phoneNumberIds: ['1555000000003'],
				chatwootInboxIds: [3],
				chatwootTeamId: 3,
				confidenceThreshold: 0.85,
				openingHours: null,
				escalationTeamId: 2,
				fallbackKeywords: [
					'invoice',
					'bill',
					'payment',
					'refund',
					'charge',
					'autopay',
					'factura',
					'pago',
					'reembolso',
					'cobro',
				],
				urgencyKeywords: null,
			});
		});

		it('should read the urgency words staff tune per department, null when they set none', async () => {
			const support = await reader().department('support');
			assert.ok(support.urgencyKeywords?.high?.includes('internet down'));
			assert.equal(support.urgencyKeywords?.critical, undefined);
			assert.equal((await reader().department('sales')).urgencyKeywords, null);
		});

		it('should throw ContentNotFoundError for an unknown department', async () => {
			await assert.rejects(reader().department('legal'), (error: unknown) => {
				assert.ok(error instanceof ContentNotFoundError);
				assert.equal(error.httpStatus, 404);
				assert.match(error.message, /no department "legal"/);
				return true;
			});
		});
	});

	describe('businessInfo', () => {
		it('should give the time zone and opening hours', async () => {
			const info = await reader().businessInfo();
			assert.equal(info.name, 'Northwind Fibre');
			assert.equal(info.timeZone, 'America/New_York');
			assert.deepEqual(info.openingHours.sat, [{ open: '10:00', close: '14:00' }]);
			assert.equal(info.openingHours.sun, undefined);
		});

		it("should give marketing's default posting slots", async () => {
			const info = await reader().businessInfo();
			assert.deepEqual(info.defaultPostingSlots, ['mon 09:00', 'thu 09:00']);
		});
	});

	describe('faq', () => {
		it("should give the department's published entries in the language asked, plus the general ones", async () => {
			const faq = await reader().faq({ department: 'billing', language: 'es' });
			assert.deepEqual(
				faq.map((entry) => entry.question),
				[
					'¿Cuál es su horario de atención?',
					'¿Cuándo vence mi factura?',
					'¿Cómo activo el pago automático?',
				],
			);
			assert.ok(faq.every((entry) => entry.language === 'es'));
		});

		it('should leave out drafts, archived entries and other departments', async () => {
			const questions = (await reader().faq({ department: 'billing' })).map(
				(entry) => entry.question,
			);
			assert.ok(!questions.includes('Can I pay at the post office?'), 'archived');
			assert.ok(!questions.includes('How do I change my Wi-Fi password?'), 'draft of support');
			assert.ok(!questions.includes('My internet is not working. What should I do?'), 'support');
			assert.ok(questions.includes('When is my bill due?'));
		});
	});

	describe('livePromotions', () => {
		it('should give only published promotions running now', async () => {
			const titles = (await reader().livePromotions()).map((p) => p.title);
			assert.deepEqual(titles.sort(), [HALF_PRICE, FREE_INSTALL].sort());
		});

		it("should give a department its own and everyone's", async () => {
			assert.deepEqual(
				(await reader().livePromotions({ department: 'support' })).map((p) => p.title),
				[FREE_INSTALL],
			);
			assert.deepEqual(
				(await reader().livePromotions({ department: 'sales' })).map((p) => p.title),
				[FREE_INSTALL, HALF_PRICE],
			);
		});

		it("should follow the injected clock, on the business's clock, even within the cache's lifetime", async () => {
			const clock = manualClock(seededAt);
			const timed = reader({ clock });
			assert.equal((await timed.livePromotions()).length, 2);
			// 5 April 23:59 New York (EDT) is the last minute of "Free installation"; then it is over.
			clock.set(Date.parse('2026-04-06T03:59:00Z'));
			assert.deepEqual(
				(await timed.livePromotions()).map((p) => p.title).sort(),
				[HALF_PRICE, FREE_INSTALL].sort(),
			);
			clock.set(Date.parse('2026-04-06T04:00:00Z'));
			assert.deepEqual(
				(await timed.livePromotions()).map((p) => p.title),
				[HALF_PRICE],
			);
		});

		it('should give the dates with the business offset and the image as a link', async () => {
			const [promotion] = (await reader().livePromotions({ department: 'sales' })).filter(
				(p) => p.title === HALF_PRICE,
			);
			assert.equal(promotion?.startsAt, '2026-03-08T09:00:00-04:00');
			assert.equal(promotion?.endsAt, '2026-04-14T23:59:00-04:00');
			assert.equal(
				promotion?.imageUrl,
				'https://northwindfibre.example/img/fibre-500-half-price.jpg',
			);
			assert.deepEqual(promotion?.platforms, ['facebook', 'instagram']);
		});

		it('should leave out a promotion whose record is invalid, and say so', async () => {
			const [live] = await cms.adminApi.call<{ id: number }[]>('GET', '/items/promotions', {
				params: { filter: { title: { _eq: FREE_INSTALL } }, fields: ['id'] },
			});
			// Written past Directus: its promotions hook refuses an unknown platform.
			await cms.pool.query(`update promotions set platforms = '["myspace"]' where id = $1`, [
				live!.id,
			]);
			const warnings: Record<string, unknown>[] = [];
			try {
				const logged = reader({ logger: { warn: (_message, meta) => warnings.push(meta ?? {}) } });
				assert.deepEqual(
					(await logged.livePromotions()).map((p) => p.title),
					[HALF_PRICE],
				);
				assert.equal(warnings[0]?.collection, 'promotions');
				assert.equal(warnings[0]?.id, String(live!.id));
			} finally {
				await cms.adminApi.call('PATCH', `/items/promotions/${live!.id}`, {
					body: { platforms: ['facebook', 'instagram', 'tiktok'] },
				});
			}
		});
	});

	describe('plans', () => {
		it("should give the department's published plans and those for everyone", async () => {
			const plans = await reader().plans({ department: 'sales' });
			assert.deepEqual(
				plans.map((plan) => [plan.name, plan.price, plan.currency]),
				[
					['Fibre 300', '39.99', 'USD'],
					['Fibre 500', '49.99', 'USD'],
					['Fibre 1 Gig', '69.99', 'USD'],
					['Mesh extender', '5.00', 'USD'],
				],
			);
			assert.deepEqual(
				(await reader().plans({ department: 'support' })).map((plan) => plan.name),
				['Mesh extender'],
			);
		});
	});

	describe('loadKnowledgeBundle', () => {
		it("should bundle everything one department's triage may use, all of it valid", async () => {
			const bundle = await reader().loadKnowledgeBundle('support', { language: 'en' });
			assert.doesNotThrow(() => knowledgeBundleSchema.parse(bundle));
			assert.equal(bundle.department.key, 'support');
			assert.equal(bundle.business.timeZone, 'America/New_York');
			assert.deepEqual(
				bundle.promotions.map((p) => p.title),
				[FREE_INSTALL],
			);
			assert.ok(
				bundle.faq.every((entry) => entry.language === 'en' && entry.department !== 'sales'),
			);
			assert.ok(bundle.faq.some((entry) => entry.department === 'support'));
		});

		it('should throw ContentNotFoundError for an unknown department', async () => {
			await assert.rejects(reader().loadKnowledgeBundle('legal'), ContentNotFoundError);
		});

		it("should carry staff's instructions for every stage, read with the automation token", async () => {
			const { stages } = await reader().loadKnowledgeBundle('sales');
			assert.deepEqual(stages.map((record) => record.stage).sort(), [
				'booked',
				'customer',
				'engaged',
				'lost',
				'new',
				'qualified',
			]);
			const qualified = stages.find((record) => record.stage === 'qualified');
			assert.match(qualified?.offer ?? '', /book the installation visit/);
			assert.equal(stages.find((record) => record.stage === 'new')?.offer, null);
		});
	});

	describe('messageTemplate', () => {
		it("should give the seed's out_of_hours template in the customer's language, else English", async () => {
			const spanish = await reader().messageTemplate('out_of_hours', 'es-MX');
			assert.equal(spanish?.language, 'es');
			assert.match(spanish!.body, /^Hola \{\{contact\.first_name\}\}, gracias por su mensaje\./);
			assert.deepEqual(
				[spanish!.channel, spanish!.status, spanish!.fallbacks],
				['whatsapp_session', 'published', { 'contact.first_name': '👋' }],
			);
			const english = await reader().messageTemplate('out_of_hours', 'de');
			assert.equal(english?.language, 'en');
			assert.match(english!.body, /open again \{\{department\.next_opening\}\}/);
		});

		it('should give null for a key Directus has no template for', async () => {
			assert.equal(await reader().messageTemplate('no_such_template', 'en'), null);
		});
	});

	describe('the cache', () => {
		it('should serve what it read for the ttl, then read again', async () => {
			const clock = manualClock(seededAt);
			const cached = reader({ clock, cacheTtlMs: 60_000 });
			const question = 'When is my bill due?';
			const answerNow = async () =>
				(await cached.faq({ department: 'billing', language: 'en' })).find(
					(e) => e.question === question,
				)?.answer;
			const before = await answerNow();
			const [entry] = await cms.adminApi.call<{ id: number }[]>('GET', '/items/faq', {
				params: { filter: { question: { _eq: question } }, fields: ['id'] },
			});
			await cms.adminApi.call('PATCH', `/items/faq/${entry!.id}`, {
				body: { answer: 'Due on the 20th.' },
			});
			try {
				clock.set(seededAt + 59_000);
				assert.equal(await answerNow(), before);
				clock.set(seededAt + 60_000);
				assert.equal(await answerNow(), 'Due on the 20th.');
			} finally {
				await cms.adminApi.call('PATCH', `/items/faq/${entry!.id}`, { body: { answer: before } });
			}
		});
	});

	describe('errors', () => {
		it('should say the token is wrong with ContentUnauthorizedError', async () => {
			await assert.rejects(reader({ token: 'not-a-token' }).departments(), (error: unknown) => {
				assert.ok(error instanceof ContentUnauthorizedError);
				assert.equal(error.directusCode, 'INVALID_CREDENTIALS');
				assert.match(error.message, /static token of the Automation user/);
				return true;
			});
		});

		it("should point at the token's policy with ContentForbiddenError", async () => {
			// A user whose role has no policy may read nothing.
			await cms.adminApi.call('POST', '/roles', { body: { name: 'Nobody' } });
			const nobody = await cms.createUser('Nobody');
			await assert.rejects(
				reader({ token: nobody }).faq({ department: 'sales' }),
				(error: unknown) => {
					assert.ok(error instanceof ContentForbiddenError);
					assert.equal(error.collection, 'faq');
					assert.equal(error.httpStatus, 403);
					assert.match(error.message, /policy does not allow "faq"/);
					return true;
				},
			);
		});

		it('should say Directus is unreachable with ContentUnreachableError', async () => {
			const [closed] = await freePorts(1);
			await assert.rejects(
				reader({ url: `http://127.0.0.1:${closed}` }).businessInfo(),
				(error: unknown) => {
					assert.ok(error instanceof ContentUnreachableError);
					assert.equal(error.reason, 'refused');
					assert.equal(error.httpStatus, 503);
					assert.match(error.description, /Check that Directus is running/);
					return true;
				},
			);
		});
	});
});
