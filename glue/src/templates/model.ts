// A message the product writes without Claude, as marketing keeps it in Directus
// `message_templates`: one record per key, language and channel, with {{namespace.variable}}
// placeholders. Directus fields are snake_case (record.ts maps them).
import { z } from 'zod/v4';

export const CHANNEL_KINDS = [
	/** Free-form WhatsApp text, only inside the 24-hour customer-service window. */
	'whatsapp_session',
	'messenger',
	'instagram',
	/** A Meta-approved WhatsApp template, the only thing that may start a conversation. */
	'whatsapp_template',
	'email',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const TEMPLATE_STATUSES = ['draft', 'published'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/**
 * The most characters a channel takes in one message; null: no limit we enforce. WhatsApp text
 * body 4096 and template body 1024 (reference/meta.md §3.1, §3.2); Messenger 2000 and Instagram
 * 1000 are Meta's Send API text limits for those platforms.
 */
export const CHANNEL_LENGTH_LIMITS: Readonly<Record<ChannelKind, number | null>> = {
	whatsapp_session: 4096,
	messenger: 2000,
	instagram: 1000,
	whatsapp_template: 1024,
	email: null,
};

/** An e-mail subject longer than this is cut by most mail clients, and by RFC 5322 at 998. */
export const EMAIL_SUBJECT_LIMIT = 200;
/** A WhatsApp template's text header (reference/meta.md §3.3: header text ≤60). */
export const WHATSAPP_HEADER_LIMIT = 60;

export const WHATSAPP_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const WHATSAPP_BUTTON_SUB_TYPES = ['url', 'quick_reply', 'copy_code'] as const;

const variableName = z.string().trim().min(1);

/** Which of our variables fills which parameter of the approved template. */
export const whatsappParameterSchema = z.discriminatedUnion('component', [
	z.object({ component: z.literal('header'), variable: variableName }),
	/**
	 * Body `{{position}}`, counted from 1 as Meta writes it; a template with named parameters
	 * (`{{first_name}}`) is filled by `name` instead.
	 */
	z
		.object({
			component: z.literal('body'),
			position: z.int().min(1).optional(),
			name: z
				.string()
				.regex(/^[a-z_]{1,20}$/, 'a Meta parameter name such as first_name')
				.optional(),
			variable: variableName,
		})
		.refine((p) => (p.position === undefined) !== (p.name === undefined), {
			message: 'a body parameter has either a position ({{1}}) or a name, not both',
		}),
	/** Button at `index` (from 0, as Meta counts them). */
	z.object({
		component: z.literal('button'),
		index: z.int().min(0),
		subType: z.enum(WHATSAPP_BUTTON_SUB_TYPES),
		variable: variableName,
	}),
]);
export type WhatsAppParameter = z.infer<typeof whatsappParameterSchema>;

export const whatsappMappingSchema = z.object({
	/** The approved template's name in Meta, e.g. "summer_promo". */
	name: z.string().regex(/^[a-z0-9_]+$/, 'a Meta template name such as "summer_promo"'),
	/** Meta's language code of the approved template, e.g. "en_US", "es". */
	languageCode: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a Meta language code such as en_US'),
	category: z.enum(WHATSAPP_CATEGORIES),
	parameters: z.array(whatsappParameterSchema),
});
export type WhatsAppMapping = z.infer<typeof whatsappMappingSchema>;

export const templateSchema = z.object({
	key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case key such as "out_of_hours"'),
	/** BCP 47 language, lower-cased, e.g. "en", "es", "pt-br". */
	language: z.string().trim().toLowerCase().min(2),
	channel: z.enum(CHANNEL_KINDS).default('whatsapp_session'),
	/** Rows written before templates had a status were live: they stay published. */
	status: z.enum(TEMPLATE_STATUSES).default('published'),
	/** E-mail only. */
	subject: z.string().nullable().default(null),
	body: z.string().trim().min(1),
	/** Variable → the words used when it has no value, e.g. {"contact.first_name": "there"}. */
	fallbacks: z.record(z.string(), z.string()).default({}),
	/** whatsapp_template only: the approved template and its parameters. */
	whatsapp: whatsappMappingSchema.nullable().default(null),
});
export type Template = z.infer<typeof templateSchema>;
/** What a caller may write: the defaults fill the rest. */
export type TemplateInput = z.input<typeof templateSchema>;
