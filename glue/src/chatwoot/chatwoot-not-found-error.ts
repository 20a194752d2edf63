import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';

/** 404: the account, conversation (by display id), inbox, team… does not exist. */
export class ChatwootNotFoundError extends ChatwootApiError {
	override readonly code = 'CHATWOOT_NOT_FOUND';

	constructor(fields: ChatwootApiErrorFields) {
		super(fields);
		this.name = 'ChatwootNotFoundError';
	}
}
