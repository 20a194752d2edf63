// REST response shapes (jbuilder views) for everything but conversations.
import { isoTime, unixSeconds } from './clock.ts';
import type { ViewDeps } from './deps.ts';
import { attachmentPush, MESSAGE_TYPE_INT, senderPush } from './present-push.ts';
import type { ChatwootState } from './state.ts';
import type {
	AgentBot,
	Contact,
	CustomAttributeDefinition,
	Inbox,
	Label,
	Message,
	Team,
	User,
	Webhook,
} from './types.ts';

/** A message as messages#create and #index render it: message_type and created_at are integers. */
export function restMessage({ state }: ViewDeps, message: Message) {
	const conversation = state.conversations.get(message.conversationId);
	const sender = senderPush(state, message.sender);
	return {
		id: message.id,
		content: message.content,
		inbox_id: message.inboxId,
		...(message.echoId === null ? {} : { echo_id: message.echoId }),
		conversation_id: conversation?.displayId ?? null,
		message_type: MESSAGE_TYPE_INT[message.messageType],
		content_type: message.contentType,
		status: message.status,
		content_attributes: message.contentAttributes,
		created_at: unixSeconds(message.createdAt),
		private: message.private,
		source_id: message.sourceId,
		...(sender === undefined ? {} : { sender }),
		...(message.attachments.length > 0
			? { attachments: message.attachments.map(attachmentPush) }
			: {}),
	};
}

export function restAgent(user: User) {
	return {
		id: user.id,
		account_id: user.accountId,
		availability_status: user.availability,
		auto_offline: true,
		confirmed: true,
		email: user.email,
		provider: 'email',
		available_name: user.name,
		name: user.name,
		role: user.role,
		thumbnail: '',
		custom_role_id: null,
	};
}

export function restTeam(team: Team, currentUserId: number | null) {
	return {
		id: team.id,
		name: team.name,
		description: team.description,
		allow_auto_assign: team.allowAutoAssign,
		account_id: team.accountId,
		is_member: currentUserId !== null && team.memberIds.includes(currentUserId),
	};
}

/** The raw Team record, as assignments#create renders it. */
export function rawTeam(team: Team) {
	return {
		id: team.id,
		name: team.name,
		description: team.description,
		allow_auto_assign: team.allowAutoAssign,
		account_id: team.accountId,
		created_at: isoTime(team.createdAt),
		updated_at: isoTime(team.updatedAt),
	};
}

const CHANNEL_CLASSES: Record<Inbox['channelType'], string> = {
	whatsapp: 'Channel::Whatsapp',
	api: 'Channel::Api',
	facebook: 'Channel::FacebookPage',
	instagram: 'Channel::Instagram',
};

/** The channel's Rails class: `channel_type` in REST, `channel` in conversation payloads. */
export function channelType(inbox: Inbox): string {
	return CHANNEL_CLASSES[inbox.channelType];
}

export function restInbox(inbox: Inbox, isAdmin: boolean) {
	const base = {
		id: inbox.id,
		avatar_url: '',
		channel_id: inbox.channelId,
		name: inbox.name,
		channel_type: channelType(inbox),
		greeting_enabled: false,
		greeting_message: null,
		working_hours_enabled: false,
		enable_email_collect: true,
		csat_survey_enabled: false,
		enable_auto_assignment: inbox.enableAutoAssignment,
		auto_assignment_config: {},
		out_of_office_message: null,
		working_hours: [],
		timezone: 'UTC',
		callback_webhook_url: null,
		allow_messages_after_resolved: true,
		lock_to_single_conversation: inbox.lockToSingleConversation,
		sender_name_type: 'friendly',
		business_name: null,
	};
	if (inbox.channelType === 'api') {
		return {
			...base,
			webhook_url: null,
			inbox_identifier: `sim-inbox-${inbox.id}`,
			additional_attributes: {},
		};
	}
	if (inbox.channelType !== 'whatsapp') return base;
	return {
		...base,
		phone_number: inbox.phoneNumber,
		provider: 'whatsapp_cloud',
		message_templates: [],
		...(isAdmin
			? { provider_config: { phone_number_id: inbox.phoneNumberId, business_account_id: null } }
			: {}),
		reauthorization_required: false,
	};
}

export function restContact(state: ChatwootState, contact: Contact, withInboxes = true) {
	const contactInboxes = state.contactInboxesOf(contact.id).flatMap((ci) => {
		const inbox = state.inboxes.get(ci.inboxId);
		if (!inbox) return [];
		const { id, channelId: channel_id, name } = inbox;
		const provider = inbox.channelType === 'whatsapp' ? 'whatsapp_cloud' : null;
		const summary = {
			id,
			avatar_url: '',
			channel_id,
			name,
			channel_type: channelType(inbox),
			provider,
		};
		return [{ source_id: ci.sourceId, inbox: summary }];
	});
	return {
		additional_attributes: contact.additionalAttributes,
		availability_status: 'offline',
		email: contact.email,
		id: contact.id,
		name: contact.name,
		phone_number: contact.phoneNumber,
		blocked: contact.blocked,
		identifier: contact.identifier,
		thumbnail: '',
		custom_attributes: contact.customAttributes,
		last_activity_at: contact.lastActivityAt === null ? null : unixSeconds(contact.lastActivityAt),
		created_at: unixSeconds(contact.createdAt),
		...(withInboxes ? { contact_inboxes: contactInboxes } : {}),
	};
}

export function restAgentBot(bot: AgentBot, isAdmin: boolean) {
	return {
		id: bot.id,
		name: bot.name,
		description: bot.description,
		thumbnail: bot.avatarUrl ?? '',
		outgoing_url: bot.outgoingUrl,
		bot_type: 'webhook',
		bot_config: bot.botConfig,
		account_id: bot.accountId,
		...(isAdmin ? { access_token: bot.accessToken, secret: bot.secret } : {}),
		system_bot: false,
	};
}

export function restWebhook(state: ChatwootState, webhook: Webhook) {
	const inbox = webhook.inboxId === null ? undefined : state.inboxes.get(webhook.inboxId);
	return {
		id: webhook.id,
		name: webhook.name,
		url: webhook.url,
		account_id: webhook.accountId,
		subscriptions: webhook.subscriptions,
		secret: webhook.secret,
		...(inbox ? { inbox: { id: inbox.id, name: inbox.name } } : {}),
	};
}

/** labels/_label partial, as labels#index (under `payload`), #create, #show and #update render it. */
export function restLabel(label: Label) {
	return {
		id: label.id,
		title: label.title,
		description: label.description,
		color: label.color,
		show_on_sidebar: label.showOnSidebar,
	};
}

/** The custom_attribute_definition partial: enums as their names, timestamps as ISO strings. */
export function restCustomAttributeDefinition(definition: CustomAttributeDefinition) {
	return {
		id: definition.id,
		attribute_display_name: definition.attributeDisplayName,
		attribute_display_type: definition.attributeDisplayType,
		attribute_description: definition.attributeDescription,
		attribute_key: definition.attributeKey,
		regex_pattern: definition.regexPattern,
		regex_cue: definition.regexCue,
		attribute_values: definition.attributeValues,
		attribute_model: definition.attributeModel,
		default_value: null,
		created_at: isoTime(definition.createdAt),
		updated_at: isoTime(definition.updatedAt),
	};
}
