import { ProductionError } from './production-error.ts';

/** .env is missing, unreadable, or lacks a setting a step needs. */
export class EnvFileError extends ProductionError {
	override readonly code = 'ENV_FILE_INVALID';
	readonly file: string;
	/** The variables that are missing or empty, when that is the problem. */
	readonly variables: string[];

	constructor(fields: { file: string; reason: string; variables?: string[]; cause?: unknown }) {
		super(`${fields.file}: ${fields.reason}`, { cause: fields.cause });
		this.name = 'EnvFileError';
		this.file = fields.file;
		this.variables = fields.variables ?? [];
	}
}
