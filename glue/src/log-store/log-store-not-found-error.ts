import { LogStoreError } from './log-store-error.ts';

/** A row the operation refers to (a decision, an inbound event, a pending social post) is absent. */
export class LogStoreNotFoundError extends LogStoreError {
	override readonly code = 'LOG_STORE_NOT_FOUND';
	override readonly httpStatus = 404;
	readonly entity: string;
	readonly key: string;

	constructor(fields: { entity: string; key: string; cause?: unknown }) {
		super(`log store: no ${fields.entity} ${fields.key}`, { cause: fields.cause });
		this.name = 'LogStoreNotFoundError';
		this.entity = fields.entity;
		this.key = fields.key;
	}
}
