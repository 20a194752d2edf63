import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';

/**
 * 401. Chatwoot uses it for a bad token and also for every policy denial (no 403): an agent token
 * on an admin endpoint, a bot token outside the bot whitelist, a user outside the account.
 */
export class ChatwootUnauthorizedError extends ChatwootApiError {
	constructor(fields: ChatwootApiErrorFields) {
		super(fields, 'CHATWOOT_UNAUTHORIZED');
		this.name = 'ChatwootUnauthorizedError';
	}
}
