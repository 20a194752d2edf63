// The simulator's records. Field names are ours (camelCase); the presenters turn them into
// Chatwoot's wire shapes. Times are epoch milliseconds unless the name says otherwise.

export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type MessageType = 'incoming' | 'outgoing' | 'activity' | 'template';
export type MessageStatus = 'sent' | 'delivered' | 'read' | 'failed';
export type Role = 'administrator' | 'agent';
export type Availability = 'online' | 'busy' | 'offline';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type JsonObject = Record<string, unknown>;
/** Channel::Whatsapp, Channel::Api, Channel::FacebookPage (Messenger), Channel::Instagram. */
export type ChannelType = 'whatsapp' | 'api' | 'facebook' | 'instagram';

export interface Account {
	id: number;
	name: string;
	/** 4.11+ account setting: a failing bot leaves the conversation pending. */
	keepPendingOnBotFailure: boolean;
}

export interface User {
	id: number;
	accountId: number;
	name: string;
	email: string;
	role: Role;
	accessToken: string;
	availability: Availability;
}

export interface Inbox {
	id: number;
	accountId: number;
	name: string;
	channelType: ChannelType;
	channelId: number;
	/** WhatsApp: "+<E164 digits>", unique across the installation. */
	phoneNumber: string | null;
	phoneNumberId: string | null;
	lockToSingleConversation: boolean;
	enableAutoAssignment: boolean;
	memberIds: number[];
	/** The inbox bot (agent_bot_inboxes); conversations start pending while one is attached. */
	agentBotId: number | null;
}

export interface Team {
	id: number;
	accountId: number;
	name: string;
	description: string | null;
	allowAutoAssign: boolean;
	memberIds: number[];
	createdAt: number;
	updatedAt: number;
}

export interface AgentBot {
	id: number;
	accountId: number;
	name: string;
	description: string | null;
	outgoingUrl: string | null;
	avatarUrl: string | null;
	botConfig: JsonObject;
	accessToken: string;
	secret: string;
}

export interface Contact {
	id: number;
	accountId: number;
	name: string;
	email: string | null;
	phoneNumber: string | null;
	identifier: string | null;
	additionalAttributes: JsonObject;
	customAttributes: JsonObject;
	blocked: boolean;
	createdAt: number;
	lastActivityAt: number | null;
}

export interface ContactInbox {
	id: number;
	contactId: number;
	inboxId: number;
	sourceId: string;
	pubsubToken: string;
	createdAt: number;
	updatedAt: number;
}

export interface Conversation {
	/** Internal primary key; REST paths and webhooks use displayId. */
	id: number;
	displayId: number;
	uuid: string;
	accountId: number;
	inboxId: number;
	contactId: number;
	contactInboxId: number;
	status: ConversationStatus;
	assigneeId: number | null;
	assigneeAgentBotId: number | null;
	teamId: number | null;
	labels: string[];
	customAttributes: JsonObject;
	additionalAttributes: JsonObject;
	priority: Priority | null;
	snoozedUntil: number | null;
	waitingSince: number | null;
	firstReplyCreatedAt: number | null;
	agentLastSeenAt: number | null;
	contactLastSeenAt: number | null;
	lastActivityAt: number;
	createdAt: number;
	/** Microseconds: webhooks carry updated_at as a float with microseconds. */
	updatedAtUs: number;
}

export type SenderRef =
	| { type: 'contact'; id: number }
	| { type: 'user'; id: number }
	| { type: 'agent_bot'; id: number };

export type FileType = 'image' | 'audio' | 'video' | 'file' | 'location' | 'fallback' | 'contact';

export interface Attachment {
	id: number;
	messageId: number;
	accountId: number;
	fileType: FileType;
	extension: string | null;
	contentType: string | null;
	dataUrl: string;
	thumbUrl: string;
	fileSize: number;
	width: number | null;
	height: number | null;
}

export interface Message {
	id: number;
	accountId: number;
	inboxId: number;
	conversationId: number;
	messageType: MessageType;
	contentType: string;
	content: string | null;
	contentAttributes: JsonObject;
	additionalAttributes: JsonObject;
	private: boolean;
	status: MessageStatus;
	sourceId: string | null;
	echoId: string | null;
	sender: SenderRef | null;
	createdAt: number;
	updatedAt: number;
	attachments: Attachment[];
}

export interface Webhook {
	id: number;
	accountId: number;
	name: string | null;
	url: string;
	subscriptions: string[];
	secret: string;
	inboxId: number | null;
}

export interface Label {
	id: number;
	accountId: number;
	/** Stored lower-cased (a before_validation callback); unique per account. */
	title: string;
	description: string | null;
	/** Hex colour; the column defaults to #1f93ff. */
	color: string;
	showOnSidebar: boolean | null;
	createdAt: number;
	updatedAt: number;
}

export type AttributeModel = 'conversation_attribute' | 'contact_attribute';
export type AttributeDisplayType =
	| 'text'
	| 'number'
	| 'currency'
	| 'percent'
	| 'link'
	| 'date'
	| 'list'
	| 'checkbox';

export interface CustomAttributeDefinition {
	id: number;
	accountId: number;
	attributeDisplayName: string;
	attributeDisplayType: AttributeDisplayType;
	attributeDescription: string | null;
	/** Unique per account and model. */
	attributeKey: string;
	attributeModel: AttributeModel;
	attributeValues: unknown[];
	regexPattern: string | null;
	regexCue: string | null;
	createdAt: number;
	updatedAt: number;
}
