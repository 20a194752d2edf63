import { ChatwootApiError, type ChatwootApiErrorFields } from './chatwoot-api-error.ts';

/** 422: Chatwoot refused the input (model validation, a missing param, a bad enum value). */
export class ChatwootValidationError extends ChatwootApiError {
	override readonly code = 'CHATWOOT_VALIDATION_FAILED';

	constructor(fields: ChatwootApiErrorFields) {
		super(fields);
		this.name = 'ChatwootValidationError';
	}
}
