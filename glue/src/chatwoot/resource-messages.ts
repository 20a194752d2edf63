import {
	messageListSchema,
	messageSchema,
	type Message,
	type MessageList,
} from './schemas-message.ts';
import type { Transport } from './transport.ts';

export interface TemplateParams {
	name: string;
	category: string;
	language: string;
	processed_params: {
		body?: Record<string, string>;
		header?: { media_url?: string; media_type?: 'image' | 'video' | 'document' };
		buttons?: { type: 'url' | 'copy_code'; parameter: string }[];
	};
}

/** POST …/messages, with Chatwoot's field names. */
export interface CreateMessageInput {
	content?: string;
	/** Default outgoing; incoming only on API inboxes. */
	message_type?: 'outgoing' | 'incoming' | 'template';
	/** A private note: agents see it, the customer never does (webhooks still carry it). */
	private?: boolean;
	content_type?: string;
	content_attributes?: Record<string, unknown>;
	template_params?: TemplateParams;
	echo_id?: string;
	source_id?: string;
}

export interface ListMessagesInput {
	/** Up to 20 messages older than this message id. */
	before?: number;
	/** Up to 100 messages newer than this message id. */
	after?: number;
}

export interface MessagesResource {
	create(conversationId: number, input: CreateMessageInput): Promise<Message>;
	createPrivateNote(conversationId: number, content: string): Promise<Message>;
	/** Without a cursor: the latest 20, oldest first. */
	list(conversationId: number, input?: ListMessagesInput): Promise<MessageList>;
}

export function messagesResource(transport: Transport, accountPath: string): MessagesResource {
	const path = (conversationId: number) =>
		`${accountPath}/conversations/${conversationId}/messages`;
	const create = (conversationId: number, input: CreateMessageInput) =>
		transport.request(messageSchema, {
			method: 'POST',
			path: path(conversationId),
			body: input,
			// A 500 may come after the message was saved and sent to WhatsApp.
			idempotent: false,
		});
	return {
		create,
		createPrivateNote: (conversationId, content) =>
			create(conversationId, { content, message_type: 'outgoing', private: true }),
		list: (conversationId, input = {}) =>
			transport.request(messageListSchema, {
				method: 'GET',
				path: path(conversationId),
				query: { before: input.before, after: input.after },
			}),
	};
}
