// Chatwoot: the typed Application API client, the bot's reply and hand-off, and the agent-bot
// webhook (payload and signature). Configuration as code is @switchboard/glue/chatwoot/config.

// The client and the records it returns.
export {
	createChatwootClient,
	type ChatwootClient,
	type ChatwootClientOptions,
	type Contact,
	type Conversation,
	type ConversationStatus,
	type Message,
	type Webhook,
} from './client.ts';
export type { CreateMessageInput, TemplateParams } from './resource-messages.ts';

// What a failed call throws.
export {
	ChatwootApiError,
	ChatwootNotFoundError,
	ChatwootRateLimitedError,
	ChatwootResponseError,
	ChatwootUnauthorizedError,
	ChatwootUnreachableError,
	ChatwootValidationError,
} from './errors.ts';

// What the bot does in a conversation, and whether it still may.
export { botOwns } from './bot-owns.ts';
export { conversationOwner, type ConversationOwner } from './bot-owns-after-failure.ts';
export { sendBotReply, type BotReply, type BotReplyInput } from './bot-reply.ts';
export {
	departmentLabel,
	handOffConversation,
	normaliseLabels,
	type HandOffInput,
	type HandOffResult,
} from './handoff.ts';

// The agent-bot webhook: its signature and its payload.
export {
	verifyChatwootWebhook,
	type ChatwootSignatureFailure,
	type ChatwootVerification,
} from './signature.ts';
export {
	BOT_SKIP_REASONS,
	botSkipReason,
	chatwootWebhookSchema,
	type BotSkipReason,
	type ChatwootWebhook,
	type MessageEvent,
} from './webhook-payload.ts';
