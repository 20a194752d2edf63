import type Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTriageRequest, localTime } from './build-request.ts';
import { parseTriageInput, type TriageInputData } from './input.ts';
import { TRIAGE_INSTRUCTIONS } from './instructions.ts';
import { FIXED_NOW, makeBundle, makeConfig, makeInput, TEST_MODEL } from './test-fixtures.ts';
import type { TriageConfigInput } from './config.ts';

function build(input: Partial<TriageInputData> = {}, config: Partial<TriageConfigInput> = {}) {
	return buildTriageRequest(
		parseTriageInput(makeInput(input)),
		makeConfig(config),
		new Date(FIXED_NOW),
	);
}

const systemBlocks = (request: ReturnType<typeof build>) =>
	request.params.system as Anthropic.TextBlockParam[];
const systemTexts = (request: ReturnType<typeof build>) => systemBlocks(request).map((b) => b.text);

describe('build-request', () => {
	describe('buildTriageRequest', () => {
		it('should take the model, max_tokens and timeout from configuration', () => {
			const request = build(
				{},
				{
					model: 'some-model',
					prices: { 'some-model': { input: 1, output: 1, cacheWrite: 1, cacheRead: 1 } },
					maxTokens: 800,
					timeoutMs: 1234,
				},
			);
			assert.equal(request.params.model, 'some-model');
			assert.equal(request.params.max_tokens, 800);
			assert.deepEqual(request.options, { timeout: 1234, maxRetries: 0 });
		});

		it('should leave the retry count to the client when configuration does not set it', () => {
			assert.deepEqual(build({}, { maxRetries: undefined }).options, { timeout: 10_000 });
		});

		it('should send no sampling parameters and effort only when configured', () => {
			const params = build().params as unknown as Record<string, unknown>;
			assert.equal('temperature' in params, false);
			assert.equal('top_p' in params, false);
			assert.equal('effort' in build().params.output_config, false);
			assert.equal(build({}, { effort: 'low' }).params.output_config.effort, 'low');
		});

		it('should lay the system prompt out as instructions, four cached content blocks, then the time', () => {
			const system = systemBlocks(build());
			assert.equal(system.length, 6);
			assert.deepEqual(system[0], { type: 'text', text: TRIAGE_INSTRUCTIONS });
			assert.deepEqual(
				system.map((b) => b.cache_control),
				[
					undefined,
					{ type: 'ephemeral' },
					{ type: 'ephemeral' },
					{ type: 'ephemeral' },
					{ type: 'ephemeral' },
					undefined,
				],
			);
			const texts = systemTexts(build());
			assert.match(texts[1] ?? '', /^## Receiving department\n\nsales: Sales\n/);
			assert.match(texts[2] ?? '', /^## FAQ\n\n\[faq:12\] /);
			assert.match(texts[3] ?? '', /^## Plans\n\n\[plan:3\] /);
			assert.match(texts[4] ?? '', /^## Live promotions\n\n\[promotion:7\] /);
			assert.equal(texts[5], 'Current time: 2026-11-25 10:04 Wed (Europe/Madrid).');
		});

		it('should mark blocks for the 1-hour cache when configured', () => {
			const system = systemBlocks(build({}, { cacheTtl: '1h' }));
			assert.deepEqual(system[1]?.cache_control, { type: 'ephemeral', ttl: '1h' });
		});

		it('should list the other departments by key and name, without the receiving one', () => {
			const text = systemTexts(
				build({
					departments: [
						{ key: 'sales', name: 'Sales', fallbackKeywords: [] },
						{ key: 'billing', name: 'Billing', fallbackKeywords: [] },
					],
				}),
			)[1];
			assert.match(
				text ?? '',
				/## Other departments\n\n- billing: Billing\n\n## Agent language\n\nen\n\n/,
			);
			assert.doesNotMatch(text ?? '', /- sales: Sales/);
		});

		it('should render the business record and the tone of voice in the first cached block', () => {
			const text = systemTexts(build())[1] ?? '';
			assert.match(text, /## Business\n\n\[business:info\] Business: ACME Internet\n/);
			assert.match(text, /## Tone of voice\n\nWarm and brief;/);
		});

		it('should say so when a section is empty rather than drop its block', () => {
			const texts = systemTexts(
				build({ bundle: makeBundle({ faq: [], plans: [], promotions: [] }) }),
			);
			assert.deepEqual(texts.slice(2, 5), [
				'## FAQ\n\n(no FAQ entries)',
				'## Plans\n\n(no plans)',
				'## Live promotions\n\n(no live promotions)',
			]);
		});

		it('should name the channel when given', () => {
			assert.match(systemTexts(build({ channel: 'whatsapp' }))[5] ?? '', /\nChannel: whatsapp\.$/);
		});

		it("should add the customer's stage and its instructions to the last, uncached block", () => {
			const bundle = makeBundle({
				stages: [
					{
						stage: 'engaged',
						goal: 'Find the plan that fits.',
						tone: null,
						offer: 'Offer a visit.',
					},
					{ stage: 'qualified', goal: 'Book it.', tone: 'Concrete.', offer: null },
				],
			});
			const last = systemBlocks(build({ bundle, stage: 'engaged' })).at(-1);
			assert.equal(last?.cache_control, undefined);
			assert.match(
				last?.text ?? '',
				/\n\n## Customer's stage\n\nengaged\nGoal: Find the plan that fits\.\nOffer: Offer a visit\.$/,
			);
		});

		it('should name the stage alone when staff wrote no instructions for it, and nothing without a stage', () => {
			assert.match(
				systemTexts(build({ stage: 'new' })).at(-1) ?? '',
				/## Customer's stage\n\nnew$/,
			);
			assert.doesNotMatch(systemTexts(build()).at(-1) ?? '', /stage/);
		});

		it('should send the history and the burst as alternating turns, the new messages last', () => {
			const request = build({
				history: [
					{ role: 'customer', text: 'Hi' },
					{ role: 'bot', text: 'Hello!' },
				],
				newMessages: ['Price of', 'Fibre 300?'],
			});
			assert.deepEqual(request.params.messages, [
				{ role: 'user', content: [{ type: 'text', text: 'Hi' }] },
				{ role: 'assistant', content: [{ type: 'text', text: '[bot] Hello!' }] },
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'Price of' },
						{ type: 'text', text: 'Fibre 300?' },
					],
				},
			]);
		});

		it('should ask for the triage schema with the offered department keys, receiving first', () => {
			const request = build();
			assert.deepEqual(request.departmentKeys, ['sales', 'billing', 'support']);
			const format = JSON.parse(JSON.stringify(request.params.output_config.format));
			assert.equal(format.type, 'json_schema');
			assert.deepEqual(format.schema.properties.department.enum, ['sales', 'billing', 'support']);
		});

		it('should hand back every offered record for the guard', () => {
			assert.deepEqual(
				[...build().records.keys()],
				['business:info', 'faq:12', 'faq:13', 'faq:14', 'plan:3', 'plan:4', 'promotion:7'],
			);
		});

		it('should build the same params twice from the same input (nothing varies but the time)', () => {
			const once = JSON.stringify(build().params);
			assert.equal(JSON.stringify(build().params), once);
			assert.equal(build().params.model, TEST_MODEL);
		});
	});

	describe('localTime', () => {
		it('should give the date, time and weekday in the zone', () => {
			assert.equal(localTime(new Date(FIXED_NOW), 'America/New_York'), '2026-11-25 04:04 Wed');
			assert.equal(localTime(new Date(Date.UTC(2026, 0, 1, 0, 30)), 'UTC'), '2026-01-01 00:30 Thu');
		});
	});
});
