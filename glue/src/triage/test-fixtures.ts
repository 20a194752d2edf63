// Factories for the triage tests: a small internet provider with three departments.
import type { Department, Faq, KnowledgeBundle, Plan, Promotion } from '../content/schemas.ts';
import { parseTriageConfig, type TriageConfig, type TriageConfigInput } from './config.ts';
import type { DepartmentRef, TriageInputData } from './input.ts';
import type { TriageOutput } from './output-schema.ts';
import type { TriageResult } from './result.ts';

// Test data, not logic: the model id and prices the simulator knows (reference/anthropic.md §11).
export const TEST_MODEL = 'claude-haiku-5-5';
export const TEST_PRICES = {
	[TEST_MODEL]: { input: 0.1, output: 0.5, cacheWrite: 0.125, cacheWrite1h: 0.2, cacheRead: 0.01 },
};

export function makeConfig(overrides: Partial<TriageConfigInput> = {}): TriageConfig {
	return parseTriageConfig({
		model: TEST_MODEL,
		prices: TEST_PRICES,
		maxTokens: 1024,
		timeoutMs: 10_000,
		maxRetries: 0,
		...overrides,
	});
}

export function makeDepartment(overrides: Partial<Department> = {}): Department {
	return {
		key: 'sales',
		name: 'Sales',
		whatsappNumbers: ['+15550000001'],
		phoneNumberIds: ['pn-sales'],
		chatwootInboxIds: [1],
		chatwootTeamId: 1,
		confidenceThreshold: 0.7,
		openingHours: null,
		escalationTeamId: null,
		fallbackKeywords: ['plan', 'upgrade', 'contract', 'fibre'],
		...overrides,
	};
}

export const OTHER_DEPARTMENTS: DepartmentRef[] = [
	{ key: 'billing', name: 'Billing', fallbackKeywords: ['invoice', 'refund', 'charge', 'factura'] },
	{
		key: 'support',
		name: 'Technical support',
		fallbackKeywords: ['router', 'outage', 'no internet', 'wifi', 'sin servicio'],
	},
];

export function makeFaq(overrides: Partial<Faq> = {}): Faq {
	return {
		id: '12',
		question: 'How fast is the Fibre 300 plan?',
		answer: 'Fibre 300 gives you 300 Mbit/s download and 50 Mbit/s upload.',
		department: 'sales',
		language: 'en',
		...overrides,
	};
}

export function makePlan(overrides: Partial<Plan> = {}): Plan {
	return {
		id: '3',
		name: 'Fibre 300',
		description: '300 Mbit/s symmetric fibre, no permanence.',
		price: '29.99',
		currency: 'EUR',
		department: 'sales',
		...overrides,
	};
}

export function makePromotion(overrides: Partial<Promotion> = {}): Promotion {
	return {
		id: '7',
		title: 'Black Friday',
		body: '20% off the first 3 months of any fibre plan.',
		imageUrl: null,
		link: 'https://acme.example/black-friday',
		startsAt: '2026-11-20T00:00:00+01:00',
		endsAt: '2026-11-30T23:59:00+01:00',
		platforms: ['facebook'],
		postingSlots: [],
		department: 'sales',
		...overrides,
	};
}

export function makeBundle(overrides: Partial<KnowledgeBundle> = {}): KnowledgeBundle {
	return {
		business: {
			name: 'ACME Internet',
			timeZone: 'Europe/Madrid',
			openingHours: {
				mon: [{ open: '09:00', close: '18:00' }],
				tue: [{ open: '09:00', close: '18:00' }],
				wed: [{ open: '09:00', close: '18:00' }],
				thu: [{ open: '09:00', close: '18:00' }],
				fri: [{ open: '09:00', close: '14:00' }],
			},
			address: 'Calle Mayor 1, Madrid',
			contacts: 'Phone +34 910 000 000',
			toneOfVoice: "Warm and brief; use the customer's first name when known.",
			defaultPostingSlots: [],
		},
		department: makeDepartment(),
		faq: [
			makeFaq(),
			makeFaq({
				id: '13',
				question: '¿Cuánto cuesta la instalación?',
				answer: 'La instalación es gratuita con cualquier plan de fibra.',
				language: 'es',
			}),
			makeFaq({
				id: '14',
				question: 'Is there a permanence period?',
				answer: 'No. You can cancel at any time without a penalty.',
			}),
		],
		plans: [
			makePlan(),
			makePlan({ id: '4', name: 'Fibre 1000', description: '1 Gbit/s fibre.', price: '49.99' }),
		],
		promotions: [makePromotion()],
		stages: [],
		...overrides,
	};
}

export function makeInput(overrides: Partial<TriageInputData> = {}): TriageInputData {
	return {
		bundle: makeBundle(),
		departments: OTHER_DEPARTMENTS,
		history: [],
		newMessages: ['How fast is the Fibre 300 plan?'],
		...overrides,
	};
}

/** 2026-11-25 09:04 UTC, a Wednesday (10:04 in Madrid). */
export const FIXED_NOW = Date.UTC(2026, 10, 25, 9, 4);

/** A clock that moves 250 ms each time it is read, so latency is known without timing anything. */
export function steppingClock(start = FIXED_NOW, stepMs = 250): () => number {
	let now = start - stepMs;
	return () => {
		now += stepMs;
		return now;
	};
}

/**
 * A triage result as Claude's call returns it: a confident Spanish price answer, priced and timed;
 * `output` fields and the result's own fields replaced as given.
 */
export function makeTriageResult(
	output: Partial<TriageOutput> = {},
	overrides: Partial<TriageResult> = {},
): TriageResult {
	const verdict: TriageOutput = {
		intent: 'plan_price',
		department: 'sales',
		urgency: 'low',
		sentiment: 'neutral',
		language: 'es',
		confidence: 0.91,
		needs_human: false,
		handoff_reason: null,
		reply: 'El plan Fibra 500 cuesta 29,99 € al mes.',
		summary: 'Asks the price of Fibra 500',
		used_content_ids: ['plan:3'],
		stage: null,
		...output,
	};
	return {
		output: verdict,
		claudeOutput: verdict,
		draft: '',
		source: 'claude',
		fallback: null,
		guard: { blocked: false },
		model: 'claude-test-1',
		messageId: 'msg_1',
		requestId: null,
		stopReason: 'end_turn',
		inputTokens: 1200,
		outputTokens: 150,
		cacheReadTokens: 900,
		cacheWriteTokens: 0,
		costUsd: 0.004321,
		latencyMs: 830,
		...overrides,
	};
}
