import { LogStoreError } from './log-store-error.ts';

/** A migration file is misnamed, was edited after it was applied, or failed to apply. */
export class LogStoreMigrationError extends LogStoreError {
	override readonly code = 'LOG_STORE_MIGRATION_FAILED';
	readonly file: string;
	readonly reason: string;

	constructor(fields: { file: string; reason: string; cause?: unknown }) {
		super(`log store: migration ${fields.file} ${fields.reason}`, { cause: fields.cause });
		this.name = 'LogStoreMigrationError';
		this.file = fields.file;
		this.reason = fields.reason;
	}
}
