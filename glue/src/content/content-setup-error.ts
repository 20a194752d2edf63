import { ContentError } from './content-error.ts';

/** A setup file (schema snapshot, access, seed) is unusable, or does not fit this Directus. */
export class ContentSetupError extends ContentError {
	override readonly code = 'CONTENT_SETUP_FAILED';
	readonly file: string;
	readonly reason: string;

	constructor(fields: { file: string; reason: string; cause?: unknown }) {
		super(`directus setup: ${fields.file} ${fields.reason}`, { cause: fields.cause });
		this.name = 'ContentSetupError';
		this.file = fields.file;
		this.reason = fields.reason;
	}
}
