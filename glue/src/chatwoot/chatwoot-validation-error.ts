import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';

/** 422: Chatwoot refused the input (model validation, a missing param, a bad enum value). */
export class ChatwootValidationError extends ChatwootApiError {
	constructor(fields: ChatwootApiErrorFields) {
		super(fields, 'CHATWOOT_VALIDATION_FAILED');
		this.name = 'ChatwootValidationError';
	}
}
