import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApprovedTemplateInput } from './whatsapp-approved-template.ts';
import { whatsappMappingProblems } from './whatsapp-mapping-problems.ts';
import type { WhatsAppTemplateMappingInput } from './whatsapp-template-mapping.ts';
import { placeholdersOf, templateParameters } from './whatsapp-template-parameters.ts';

function makeApproved(overrides: Partial<ApprovedTemplateInput> = {}): ApprovedTemplateInput {
	return {
		name: 'order_ready',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' },
			{ type: 'BODY', text: 'Hi {{1}}, order {{2}} is ready at {{3}}.' },
			{ type: 'FOOTER', text: 'Northwind Fibre' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'URL', text: 'Track', url: 'https://example.com/track/{{1}}' },
					{ type: 'QUICK_REPLY', text: 'Stop' },
					{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550100' },
				],
			},
		],
		...overrides,
	};
}

function makeMapping(
	overrides: Partial<WhatsAppTemplateMappingInput> = {},
): WhatsAppTemplateMappingInput {
	return {
		name: 'order_ready',
		languageCode: 'en_US',
		category: 'UTILITY',
		parameters: [
			{ component: 'header', variable: 'order.number' },
			{ component: 'body', position: 1, variable: 'contact.first_name' },
			{ component: 'body', position: 2, variable: 'order.number' },
			{ component: 'body', position: 3, variable: 'business.address' },
			{ component: 'button', index: 0, subType: 'url', variable: 'order.number' },
		],
		...overrides,
	};
}

const withoutBody = (mapping: WhatsAppTemplateMappingInput, keep: number) => ({
	...mapping,
	parameters: (mapping.parameters ?? []).filter(
		(p) => p.component !== 'body' || (p.position ?? 0) <= keep,
	),
});

describe('whatsappMappingProblems', () => {
	it('should find nothing when every parameter is filled once', () => {
		assert.deepEqual(whatsappMappingProblems(makeMapping(), makeApproved()), []);
	});

	it('should accept only the components, skipping status and category', () => {
		const approved = makeApproved({ status: 'PENDING', category: 'MARKETING' });
		assert.deepEqual(whatsappMappingProblems(makeMapping(), approved.components ?? []), []);
	});

	it('should count the body parameters in words a marketer reads', () => {
		assert.deepEqual(whatsappMappingProblems(withoutBody(makeMapping(), 2), makeApproved()), [
			"The approved template 'order_ready' has 3 body parameters but the mapping fills 2.",
		]);
	});

	it('should say "1 body parameter" in the singular', () => {
		const approved = makeApproved({ components: [{ type: 'BODY', text: 'Hi {{1}}' }] });
		const mapping = makeMapping({ parameters: [] });
		assert.deepEqual(whatsappMappingProblems(mapping, approved), [
			"The approved template 'order_ready' has 1 body parameter but the mapping fills 0.",
		]);
	});

	it('should name a body position beyond the template and one filled twice', () => {
		const mapping = makeMapping();
		mapping.parameters = [
			...(mapping.parameters ?? []).filter((p) => p.component !== 'body'),
			{ component: 'body', position: 1, variable: 'a' },
			{ component: 'body', position: 1, variable: 'b' },
			{ component: 'body', position: 4, variable: 'c' },
		];
		assert.deepEqual(whatsappMappingProblems(mapping, makeApproved()), [
			"The mapping fills {{4}} in the body, but the approved template 'order_ready' goes up to {{3}}.",
			'The mapping fills {{1}} in the body twice.',
		]);
	});

	it('should want the header filled when it has a placeholder, and not otherwise', () => {
		const noHeader = makeMapping();
		noHeader.parameters = noHeader.parameters?.filter((p) => p.component !== 'header');
		assert.deepEqual(whatsappMappingProblems(noHeader, makeApproved()), [
			"The approved template 'order_ready' has a header with a value to fill, but the mapping fills none.",
		]);
		const staticHeader = makeApproved();
		staticHeader.components = [{ type: 'HEADER', format: 'TEXT', text: 'Your order' }];
		assert.deepEqual(
			whatsappMappingProblems(
				makeMapping({ parameters: [{ component: 'header', variable: 'x' }] }),
				staticHeader,
			),
			[
				"The approved template 'order_ready' has no header to fill, but the mapping fills the header with 'x'.",
			],
		);
	});

	it('should ask for a link variable for an image header', () => {
		const approved = makeApproved({ components: [{ type: 'HEADER', format: 'IMAGE' }] });
		assert.deepEqual(whatsappMappingProblems(makeMapping({ parameters: [] }), approved), [
			"The approved template 'order_ready' has an image header, which needs a variable holding the image's link, but the mapping names none.",
		]);
	});

	it('should want a dynamic link button filled, and leave quick replies and phone buttons optional', () => {
		const mapping = makeMapping();
		mapping.parameters = mapping.parameters?.filter((p) => p.component !== 'button');
		assert.deepEqual(whatsappMappingProblems(mapping, makeApproved()), [
			"Button 1 ('Track') of the approved template 'order_ready' needs a value (the end of its link), but the mapping fills none.",
		]);
	});

	it('should refuse a button that takes no value and a button filled as the wrong kind', () => {
		const mapping = makeMapping();
		mapping.parameters = [
			...(mapping.parameters ?? []).filter((p) => p.component !== 'button'),
			{ component: 'button', index: 0, subType: 'copy_code', variable: 'x' },
			{ component: 'button', index: 2, variable: 'y' },
		];
		assert.deepEqual(whatsappMappingProblems(mapping, makeApproved()), [
			"Button 1 of the approved template 'order_ready' is a link button, but the mapping fills it as a copy-code button.",
			"The mapping fills button 3, but the approved template 'order_ready' has no button there that takes a value.",
		]);
	});

	it('should say when Meta has not approved the template, unless allowed', () => {
		const approved = makeApproved({ status: 'PENDING' });
		assert.deepEqual(whatsappMappingProblems(makeMapping(), approved), [
			"The WhatsApp template 'order_ready' (en_US) is pending at Meta, not approved: it cannot be sent until Meta approves it.",
		]);
		assert.deepEqual(
			whatsappMappingProblems(makeMapping(), approved, { allowUnapproved: true }),
			[],
		);
	});

	it("should say when the category differs from Meta's", () => {
		const problems = whatsappMappingProblems(
			makeMapping({ category: 'MARKETING' }),
			makeApproved(),
		);
		assert.deepEqual(problems, [
			"The approved template 'order_ready' is a utility template at Meta, but this one says marketing.",
		]);
	});

	it('should check named parameters by name', () => {
		const approved = makeApproved({
			parameter_format: 'NAMED',
			components: [{ type: 'BODY', text: 'Hi {{first_name}}, order {{order_id}} is ready.' }],
		});
		const mapping = makeMapping({
			parameters: [
				{ component: 'body', name: 'first_name', variable: 'contact.first_name' },
				{ component: 'body', name: 'total', variable: 'order.total' },
			],
		});
		assert.deepEqual(whatsappMappingProblems(mapping, approved), [
			"The approved template 'order_ready' needs a value for order_id in its body, but the mapping fills none.",
			"The mapping fills total in the body, but the approved template 'order_ready' has no such parameter (it has first_name, order_id).",
		]);
	});

	it('should say what is missing from a mapping it cannot read', () => {
		const [problem, ...rest] = whatsappMappingProblems({ parameters: 'x' }, makeApproved());
		assert.equal(rest.length, 0);
		assert.match(problem ?? '', /^The WhatsApp template mapping cannot be read \(.*name.*\)/);
		assert.equal(whatsappMappingProblems(null, makeApproved()).length, 1);
	});
});

describe('templateParameters', () => {
	it('should list the distinct placeholders in number order', () => {
		assert.deepEqual(placeholdersOf('{{2}} {{1}} {{ 2 }}'), ['1', '2']);
		assert.deepEqual(placeholdersOf('{{b}} {{a}} {{b}}'), ['b', 'a']);
		assert.deepEqual(placeholdersOf(''), []);
		assert.deepEqual(placeholdersOf(undefined), []);
	});

	it('should say what a send needs: header, body and the buttons that take values', () => {
		assert.deepEqual(templateParameters(makeApproved()), {
			format: 'POSITIONAL',
			header: { kind: 'text', name: '1' },
			body: ['1', '2', '3'],
			buttons: [
				{ index: 0, type: 'URL', text: 'Track', required: true },
				{ index: 1, type: 'QUICK_REPLY', text: 'Stop', required: false },
			],
		});
	});

	it('should see a copy-code button and a document header', () => {
		const approved = makeApproved({
			components: [
				{ type: 'HEADER', format: 'DOCUMENT' },
				{ type: 'BODY', text: 'Your invoice.' },
				{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'SAVE10' }] },
			],
		});
		assert.deepEqual(templateParameters(approved), {
			format: 'POSITIONAL',
			header: { kind: 'document' },
			body: [],
			buttons: [{ index: 0, type: 'COPY_CODE', text: null, required: true }],
		});
	});
});
