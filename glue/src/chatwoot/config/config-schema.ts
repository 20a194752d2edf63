// chatwoot/config/*.yaml as data: the zod schema is the contract, the types are inferred from it.
// Keys are Chatwoot's own where there is one; every object is strict, so a misspelt key is an
// error naming it rather than a setting silently ignored.
import { z } from 'zod/v4';
import { departmentLabel, normaliseLabels } from '../handoff.ts';
import { CUSTOM_ATTRIBUTE_DISPLAY_TYPES, type CustomAttributeModel } from '../schemas-account.ts';

/** Webhook::ALLOWED_WEBHOOK_EVENTS (reference/chatwoot.md §2.3). */
export const WEBHOOK_EVENTS = [
	'conversation_status_changed',
	'conversation_updated',
	'conversation_created',
	'contact_created',
	'contact_updated',
	'message_created',
	'message_updated',
	'webwidget_triggered',
	'inbox_created',
	'inbox_updated',
	'conversation_typing_on',
	'conversation_typing_off',
] as const;

const text = z.string().trim().min(1, 'must not be empty');
const httpUrl = z.url({ protocol: /^https?$/, message: 'an http(s) URL' });
const key = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case key such as "sales"');

const whatsappNumberSchema = z.strictObject({
	/** Name of the Chatwoot inbox that receives this number. */
	inbox: text,
	/** Exactly as Chatwoot matches Meta's payloads: "+" and the display number's digits. */
	number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number such as +15550000001'),
	/** Meta's phone-number id; Chatwoot drops payloads whose id differs (reference §4). */
	phone_number_id: z.string().regex(/^\d{5,30}$/, "Meta's numeric phone-number id, as a string"),
	enable_auto_assignment: z.boolean().optional(),
	lock_to_single_conversation: z.boolean().optional(),
});

/**
 * A Messenger (Facebook page) or Instagram inbox, matched by its channel and name: it has no number,
 * and connecting it takes a person logging in to Meta, so it is created in Chatwoot, never here.
 */
const socialInboxSchema = z.strictObject({
	/** The inbox's name in Chatwoot. */
	inbox: text,
	enable_auto_assignment: z.boolean().optional(),
	lock_to_single_conversation: z.boolean().optional(),
});

/** The config's keys for Meta's other inboxes, and the Chatwoot channel each one is. */
export const SOCIAL_CHANNELS = {
	messenger: { channelType: 'Channel::FacebookPage', label: 'Messenger' },
	instagram: { channelType: 'Channel::Instagram', label: 'Instagram' },
} as const;
export type SocialChannel = keyof typeof SOCIAL_CHANNELS;

const teamSchema = z.strictObject({
	// Chatwoot stores team names lower-cased; comparing in that form keeps re-runs idempotent.
	name: text.transform((name) => name.toLowerCase()),
	description: z.string().optional(),
	allow_auto_assign: z.boolean().optional(),
});

const departmentSchema = z.strictObject({
	key,
	/** Written to Directus only when the department is new there: staff may rename it. */
	name: text,
	team: teamSchema.nullable().default(null),
	whatsapp: z.array(whatsappNumberSchema).default([]),
	messenger: z.array(socialInboxSchema).default([]),
	instagram: z.array(socialInboxSchema).default([]),
});

const labelSchema = z.strictObject({
	title: z.string().refine((title) => normaliseLabels([title])[0] === title, {
		message:
			'a label title as the hand-off writes it: lower-case letters, digits, "-" and "_" (e.g. dept-sales)',
	}),
	description: z.string().optional(),
	color: z
		.string()
		.regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour such as #1f93ff')
		.transform((color) => color.toLowerCase())
		.optional(),
	show_on_sidebar: z.boolean().optional(),
});

const MODELS = { conversation: 'conversation_attribute', contact: 'contact_attribute' } as const;

const customAttributeSchema = z
	.strictObject({
		key,
		/** conversation or contact. */
		model: z
			.enum(['conversation', 'contact'])
			.transform((model): CustomAttributeModel => MODELS[model]),
		display_name: text,
		display_type: z.enum(CUSTOM_ATTRIBUTE_DISPLAY_TYPES),
		description: z.string().optional(),
		/** The choices of a list attribute. */
		values: z.array(text).min(1).optional(),
	})
	.refine((attribute) => (attribute.display_type === 'list') === (attribute.values !== undefined), {
		message: 'values: a list attribute needs them, other types take none',
	});

export const chatwootConfigSchema = z
	.strictObject({
		account: z.strictObject({
			/** The account this file is for; CHATWOOT_ACCOUNT_ID, when set, must agree. */
			id: z.int().positive(),
			/**
			 * Chatwoot 4.11+: a failed bot delivery leaves the conversation pending (for the bot,
			 * once we are back) instead of opening it untriaged. Set by hand: see manual-steps.ts.
			 */
			keep_pending_on_bot_failure: z.boolean().default(false),
		}),
		departments: z.array(departmentSchema).min(1, 'at least one department'),
		labels: z.array(labelSchema).default([]),
		agent_bot: z.strictObject({
			name: text,
			description: z.string().optional(),
			/** Where Chatwoot posts the bot's events: the gateway's /webhooks/chatwoot. */
			outgoing_url: httpUrl,
		}),
		account_webhook: z
			.strictObject({
				/** Matched by name, so a changed URL updates the webhook instead of adding one. */
				name: text,
				url: httpUrl,
				subscriptions: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
			})
			.nullable()
			.default(null),
		custom_attributes: z.array(customAttributeSchema).default([]),
	})
	.superRefine((config, ctx) => {
		const once = (what: string, entries: [string, PropertyKey[]][]) => {
			const seen = new Set<string>();
			for (const [value, path] of entries) {
				if (seen.has(value)) {
					ctx.addIssue({ code: 'custom', path, message: `${what} "${value}" appears twice` });
				}
				seen.add(value);
			}
		};
		const departments = config.departments.map((d, i) => ({ d, path: ['departments', i] }));
		const numbers = departments.flatMap(({ d, path }) =>
			d.whatsapp.map((w, j) => ({ w, path: [...path, 'whatsapp', j] })),
		);
		once(
			'department key',
			departments.map(({ d, path }) => [d.key, [...path, 'key']]),
		);
		once(
			'number',
			numbers.map(({ w, path }) => [w.number, [...path, 'number']]),
		);
		once(
			'phone_number_id',
			numbers.map(({ w, path }) => [w.phone_number_id, [...path, 'phone_number_id']]),
		);
		once(
			'inbox',
			numbers.map(({ w, path }) => [w.inbox, [...path, 'inbox']]),
		);
		for (const channel of Object.keys(SOCIAL_CHANNELS) as SocialChannel[]) {
			once(
				`${SOCIAL_CHANNELS[channel].label} inbox`,
				departments.flatMap(({ d, path }) =>
					d[channel].map((s, j): [string, PropertyKey[]] => [
						s.inbox,
						[...path, channel, j, 'inbox'],
					]),
				),
			);
		}
		once(
			'team',
			departments.flatMap(({ d, path }) =>
				d.team ? [[d.team.name, [...path, 'team', 'name']]] : [],
			),
		);
		once(
			'label',
			config.labels.map((l, i) => [l.title, ['labels', i, 'title']]),
		);
		once(
			'custom attribute',
			config.custom_attributes.map((a, i) => [
				`${a.model} ${a.key}`,
				['custom_attributes', i, 'key'],
			]),
		);
		// The hand-off labels conversations dept-<key>; the label record gives it a colour and a place.
		const titles = new Set(config.labels.map((l) => l.title));
		for (const { d, path } of departments) {
			const title = departmentLabel(d.key);
			if (!titles.has(title)) {
				ctx.addIssue({
					code: 'custom',
					path: [...path, 'key'],
					message: `needs the label ${title} in labels`,
				});
			}
		}
	});

export type ChatwootConfig = z.output<typeof chatwootConfigSchema>;
export type DepartmentConfig = ChatwootConfig['departments'][number];
export type WhatsappNumberConfig = DepartmentConfig['whatsapp'][number];
export type SocialInboxConfig = DepartmentConfig[SocialChannel][number];
export type LabelConfig = ChatwootConfig['labels'][number];
export type CustomAttributeConfig = ChatwootConfig['custom_attributes'][number];
