// Config + what Chatwoot has now → the steps that make Chatwoot match, and the problems that no API
// call should fix. Pure: it reads the state it is given and returns data.
import type { AgentBotInput, WebhookInput } from '../resource-integrations.ts';
import type { InboxUpdateInput, TeamInput } from '../resource-account.ts';
import type { CustomAttributeInput, LabelInput } from '../resource-labels.ts';
import type { AgentBot, Inbox, Webhook } from '../schemas-account.ts';
import { differingFields, pick, quoted, type ConfigChange } from './changes.ts';
import {
	SOCIAL_CHANNELS,
	type ChatwootConfig,
	type CustomAttributeConfig,
	type DepartmentConfig,
	type LabelConfig,
	type SocialChannel,
	type SocialInboxConfig,
	type WhatsappNumberConfig,
} from './config-schema.ts';
import type { ChatwootState } from './read-state.ts';

export type PlanStep =
	| {
			type: 'label';
			change: ConfigChange;
			id: number | null;
			input: LabelInput & { title: string };
	  }
	| {
			type: 'custom attribute';
			change: ConfigChange;
			id: number | null;
			input: CustomAttributeInput & { attribute_key: string; attribute_display_name: string };
	  }
	| {
			type: 'team';
			change: ConfigChange;
			id: number | null;
			departmentKey: string;
			input: TeamInput & { name: string };
	  }
	| {
			type: 'agent bot';
			change: ConfigChange;
			id: number | null;
			input: AgentBotInput & { name: string };
	  }
	| {
			type: 'inbox';
			change: ConfigChange;
			id: number;
			/** The inbox's own fields that differ (empty: none). */
			input: InboxUpdateInput;
			/** Whether the agent bot must be (re)attached. */
			attachBot: boolean;
	  }
	| {
			type: 'account webhook';
			change: ConfigChange;
			id: number | null;
			input: WebhookInput & { url: string };
	  };

export interface ChatwootPlan {
	steps: PlanStep[];
	/** Fix these in Chatwoot first; while there are any, nothing is applied. */
	problems: string[];
	/** The inbox of each configured number, by number. */
	inboxIds: Map<string, number>;
	/** The configured Messenger and Instagram inboxes, by socialInboxKey(channel, name). */
	socialInboxIds: Map<string, number>;
	/** The existing records the plan matched (their secrets are returned when nothing changes). */
	agentBot: AgentBot | null;
	accountWebhook: Webhook | null;
}

// Chatwoot keeps an unset description as null or "", and an unset show_on_sidebar as null.
const normalise = (key: string, value: unknown): unknown => {
	if (key === 'show_on_sidebar') return value ?? false;
	if (key === 'color' && typeof value === 'string') return value.toLowerCase();
	if (key === 'subscriptions' && Array.isArray(value)) return [...value].sort();
	return value ?? (key.endsWith('description') ? '' : null);
};

function change(
	action: ConfigChange['action'],
	kind: ConfigChange['kind'],
	name: string,
	fields: string[] = [],
): ConfigChange {
	return { action, kind, name, fields };
}

function upsert<Input extends object>(
	existing: Record<string, unknown> | undefined,
	input: Input,
): { action: ConfigChange['action']; fields: string[]; input: Input } {
	if (!existing) return { action: 'create', fields: [], input };
	const fields = differingFields(input as Record<string, unknown>, existing, normalise);
	return {
		action: fields.length ? 'update' : 'unchanged',
		fields,
		input: pick(input, fields) as Input,
	};
}

export function planChatwootConfig(config: ChatwootConfig, state: ChatwootState): ChatwootPlan {
	const problems: string[] = [];
	const agentBot = matchByName(
		state.agentBots,
		config.agent_bot.name,
		'agent bots',
		'Settings › Bots',
		problems,
	);
	const accountWebhook = config.account_webhook
		? matchWebhook(state.webhooks, config.account_webhook, problems)
		: null;
	const inboxIds = new Map<string, number>();
	const socialInboxIds = new Map<string, number>();
	const steps: PlanStep[] = [
		...config.labels.map((label) => labelStep(state, label)),
		...config.custom_attributes.map((attribute) => customAttributeStep(state, attribute)),
		...config.departments.flatMap((department) => teamSteps(state, department)),
		agentBotStep(config.agent_bot, agentBot),
		...config.departments.flatMap((department) =>
			department.whatsapp.flatMap((number) => {
				const inbox = matchInbox(state.inboxes, department, number, problems);
				if (!inbox) return [];
				inboxIds.set(number.number, inbox.id);
				return [inboxStep(state, number, `(${number.number})`, inbox, agentBot)];
			}),
		),
		...config.departments.flatMap((department) =>
			(Object.keys(SOCIAL_CHANNELS) as SocialChannel[]).flatMap((channel) =>
				department[channel].flatMap((wanted) => {
					const inbox = matchSocialInbox(state.inboxes, department, channel, wanted, problems);
					if (!inbox) return [];
					socialInboxIds.set(socialInboxKey(channel, wanted.inbox), inbox.id);
					const label = `(${SOCIAL_CHANNELS[channel].label})`;
					return [inboxStep(state, wanted, label, inbox, agentBot)];
				}),
			),
		),
		...(config.account_webhook ? [webhookStep(config.account_webhook, accountWebhook)] : []),
	];
	return { steps, problems, inboxIds, socialInboxIds, agentBot, accountWebhook };
}

/** How plan.socialInboxIds names a Messenger or Instagram inbox of the config. */
export function socialInboxKey(channel: SocialChannel, name: string): string {
	return `${channel} ${name}`;
}

function labelStep(state: ChatwootState, label: LabelConfig): PlanStep {
	const existing = state.labels.find((l) => l.title === label.title);
	const { title, description, color, show_on_sidebar } = label;
	const planned = upsert(existing, { title, description, color, show_on_sidebar });
	return {
		type: 'label',
		id: existing?.id ?? null,
		input: { ...planned.input, title },
		change: change(planned.action, 'label', title, planned.fields),
	};
}

function customAttributeStep(state: ChatwootState, attribute: CustomAttributeConfig): PlanStep {
	const existing = state.customAttributes.find(
		(d) => d.attribute_model === attribute.model && d.attribute_key === attribute.key,
	);
	const planned = upsert(existing, {
		attribute_key: attribute.key,
		attribute_model: attribute.model,
		attribute_display_name: attribute.display_name,
		attribute_display_type: attribute.display_type,
		attribute_description: attribute.description,
		attribute_values: attribute.values,
	});
	const name = `${attribute.key} (${attribute.model.replace(/_attribute$/, '')})`;
	return {
		type: 'custom attribute',
		id: existing?.id ?? null,
		input: {
			...planned.input,
			attribute_key: attribute.key,
			attribute_display_name: attribute.display_name,
		},
		change: change(planned.action, 'custom attribute', name, planned.fields),
	};
}

function teamSteps(state: ChatwootState, department: DepartmentConfig): PlanStep[] {
	if (!department.team) return [];
	const { name } = department.team;
	const existing = state.teams.find((t) => t.name.toLowerCase() === name);
	const planned = upsert(existing, { ...department.team });
	return [
		{
			type: 'team',
			id: existing?.id ?? null,
			departmentKey: department.key,
			input: { ...planned.input, name },
			change: change(planned.action, 'team', quoted(name), planned.fields),
		},
	];
}

function agentBotStep(wanted: ChatwootConfig['agent_bot'], existing: AgentBot | null): PlanStep {
	const planned = upsert(existing ?? undefined, { ...wanted });
	return {
		type: 'agent bot',
		id: existing?.id ?? null,
		input: { ...planned.input, name: wanted.name },
		change: change(planned.action, 'agent bot', quoted(wanted.name), planned.fields),
	};
}

function inboxStep(
	state: ChatwootState,
	settings: WhatsappNumberConfig | SocialInboxConfig,
	/** What the change names besides the inbox, e.g. "(+15550000001)" or "(Messenger)". */
	label: string,
	inbox: Inbox,
	agentBot: AgentBot | null,
): PlanStep {
	const { inbox: name, enable_auto_assignment, lock_to_single_conversation } = settings;
	const wanted = { name, enable_auto_assignment, lock_to_single_conversation };
	const fields = differingFields(wanted, inbox, normalise);
	const attachBot = agentBot === null || state.inboxBots.get(inbox.id) !== agentBot.id;
	const changed = attachBot ? [...fields, 'agent_bot'] : fields;
	return {
		type: 'inbox',
		id: inbox.id,
		input: pick(wanted, fields),
		attachBot,
		change: change(
			changed.length ? 'update' : 'unchanged',
			'inbox',
			`${quoted(name)} ${label}`,
			changed,
		),
	};
}

function webhookStep(
	wanted: NonNullable<ChatwootConfig['account_webhook']>,
	existing: Webhook | null,
): PlanStep {
	const planned = upsert(existing ?? undefined, { ...wanted });
	return {
		type: 'account webhook',
		id: existing?.id ?? null,
		input: { ...planned.input, url: wanted.url },
		change: change(planned.action, 'account webhook', quoted(wanted.name), planned.fields),
	};
}

/** Records are matched by name; two with the config's name is a mess a person must sort out. */
function matchByName<T extends { id: number; name?: string | null }>(
	records: readonly T[],
	name: string,
	what: string,
	where: string,
	problems: string[],
): T | null {
	const matches = records.filter((record) => record.name === name);
	if (matches.length > 1) {
		problems.push(
			`${matches.length} ${what} are named ${quoted(name)} (ids ${matches.map((r) => r.id).join(', ')}); ` +
				`delete the extra ones in Chatwoot (${where})`,
		);
	}
	return matches[0] ?? null;
}

/**
 * The account webhook by name, or else one someone added by hand for the same URL (adopted rather
 * than duplicated: Chatwoot refuses a second webhook with the same URL anyway).
 */
function matchWebhook(
	webhooks: readonly Webhook[],
	wanted: NonNullable<ChatwootConfig['account_webhook']>,
	problems: string[],
): Webhook | null {
	const where = 'Settings › Integrations › Webhooks';
	const named = matchByName(webhooks, wanted.name, 'account webhooks', where, problems);
	return named ?? webhooks.find((w) => w.url === wanted.url) ?? null;
}

/**
 * The WhatsApp inbox of a configured number. It must exist with Meta's phone-number id: Chatwoot
 * routes a Meta payload to an inbox only when both the number and the id match (reference §4).
 */
function matchInbox(
	inboxes: readonly Inbox[],
	department: DepartmentConfig,
	number: WhatsappNumberConfig,
	problems: string[],
): Inbox | null {
	const inbox = inboxes.find(
		(i) => i.channel_type === 'Channel::Whatsapp' && i.phone_number === number.number,
	);
	const where = `department ${department.key}, ${number.number}`;
	if (!inbox) {
		problems.push(
			`${where}: Chatwoot has no WhatsApp inbox for this number. Create it once in Chatwoot ` +
				`(Settings › Inboxes › Add Inbox › WhatsApp › WhatsApp Cloud) with phone number ${number.number} ` +
				`and phone number id ${number.phone_number_id}, then run this again. The script does not ` +
				"create WhatsApp inboxes: that takes Meta's access token, which stays out of config files, " +
				"and it re-points the WhatsApp Business Account's webhook at Chatwoot",
		);
		return null;
	}
	const phoneNumberId = inbox.provider_config?.phone_number_id;
	if (phoneNumberId === undefined) {
		problems.push(
			`${where}: Chatwoot did not show inbox ${inbox.id}'s phone number id (an administrator's token shows it)`,
		);
	} else if (String(phoneNumberId) !== number.phone_number_id) {
		problems.push(
			`${where}: inbox ${quoted(inbox.name)} (id ${inbox.id}) has phone number id ${String(phoneNumberId)}, ` +
				`the config says ${number.phone_number_id}. Chatwoot drops Meta's messages whose id differs; ` +
				'correct whichever is wrong (Chatwoot: Settings › Inboxes › the inbox › Configuration)',
		);
	}
	return inbox;
}

/**
 * A Messenger or Instagram inbox, by channel and name. It must exist: connecting a Facebook page or
 * an Instagram account takes a person logging in to Meta in Chatwoot's UI.
 */
function matchSocialInbox(
	inboxes: readonly Inbox[],
	department: DepartmentConfig,
	channel: SocialChannel,
	wanted: SocialInboxConfig,
	problems: string[],
): Inbox | null {
	const { channelType, label } = SOCIAL_CHANNELS[channel];
	const matches = inboxes.filter((i) => i.channel_type === channelType && i.name === wanted.inbox);
	const where = `department ${department.key}, ${label} inbox ${quoted(wanted.inbox)}`;
	if (matches.length > 1) {
		problems.push(
			`${where}: ${matches.length} ${label} inboxes have this name (ids ${matches.map((i) => i.id).join(', ')}); ` +
				'rename all but one in Chatwoot (Settings › Inboxes › the inbox › Settings)',
		);
	}
	const inbox = matches[0] ?? null;
	if (!inbox) {
		problems.push(
			`${where}: Chatwoot has no ${label} inbox with this name. Create it once in Chatwoot ` +
				`(Settings › Inboxes › Add Inbox › ${label}, then log in to Meta and pick the ` +
				`${channel === 'messenger' ? 'Facebook page' : 'Instagram account'}) and give it this name, ` +
				"or correct the name here, then run this again. The script does not create these inboxes: that takes a person's Meta login",
		);
	}
	return inbox;
}
