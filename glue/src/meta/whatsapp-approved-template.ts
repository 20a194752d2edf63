// A WhatsApp message template as Meta lists it (GET /{waba-id}/message_templates): components with
// Meta's upper-case types and field names, positional ({{1}}) or named ({{first_name}}) parameters.
import { z } from 'zod/v4';

export const WHATSAPP_TEMPLATE_STATUSES = [
	'APPROVED',
	'PENDING',
	'REJECTED',
	'PAUSED',
	'DISABLED',
	'IN_APPEAL',
	'PENDING_DELETION',
	'DELETED',
	'LIMIT_EXCEEDED',
	'ARCHIVED',
] as const;

const headerComponentSchema = z.looseObject({
	type: z.literal('HEADER'),
	format: z.enum(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION', 'PRODUCT']).default('TEXT'),
	text: z.string().optional(),
});

const textComponentSchema = z.looseObject({
	type: z.enum(['BODY', 'FOOTER']),
	text: z.string().default(''),
});

export const templateButtonSchema = z.looseObject({
	// QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, OTP, FLOW, CATALOG, MPM, VOICE_CALL, APP, …
	type: z.string().min(1),
	text: z.string().optional(),
	url: z.string().optional(),
	phone_number: z.string().optional(),
});
export type TemplateButton = z.output<typeof templateButtonSchema>;

const buttonsComponentSchema = z.looseObject({
	type: z.literal('BUTTONS'),
	buttons: z.array(templateButtonSchema).default([]),
});

/** Other component types (carousels, limited-time offers) are kept as they come. */
const otherComponentSchema = z.looseObject({ type: z.string().min(1) });

export const approvedTemplateComponentSchema = z.union([
	headerComponentSchema,
	textComponentSchema,
	buttonsComponentSchema,
	otherComponentSchema,
]);
export type ApprovedTemplateComponent = z.output<typeof approvedTemplateComponentSchema>;

/** One node of the list; `name` + `language` identify it (Meta's `id` changes if it is recreated). */
export const approvedTemplateSchema = z.looseObject({
	id: z.string().min(1).optional(),
	name: z.string().min(1),
	language: z.string().min(1),
	status: z.string().min(1).default('APPROVED'),
	category: z.string().min(1).optional(),
	parameter_format: z.enum(['POSITIONAL', 'NAMED']).default('POSITIONAL'),
	components: z.array(approvedTemplateComponentSchema).default([]),
});
export type ApprovedTemplate = z.output<typeof approvedTemplateSchema>;
/** What callers may pass: Meta's node as listed (defaults filled in when parsed). */
export type ApprovedTemplateInput = z.input<typeof approvedTemplateSchema>;

export const templateListPageSchema = z.looseObject({
	data: z.array(approvedTemplateSchema),
	paging: z
		.looseObject({
			cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }),
			next: z.string().optional(),
		})
		.optional(),
});
