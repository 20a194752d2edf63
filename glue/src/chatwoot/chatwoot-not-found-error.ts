import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';

/** 404: the account, conversation (by display id), inbox, team… does not exist. */
export class ChatwootNotFoundError extends ChatwootApiError {
	constructor(fields: ChatwootApiErrorFields) {
		super(fields, 'CHATWOOT_NOT_FOUND');
		this.name = 'ChatwootNotFoundError';
	}
}
