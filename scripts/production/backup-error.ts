import { ProductionError } from './production-error.ts';

/** A backup folder is missing, incomplete or altered, or a backup option is unusable. */
export class BackupError extends ProductionError {
	override readonly code = 'BACKUP_INVALID';
	readonly folder: string;

	constructor(fields: { folder: string; reason: string; cause?: unknown }) {
		super(`backup ${fields.folder}: ${fields.reason}`, { cause: fields.cause });
		this.name = 'BackupError';
		this.folder = fields.folder;
	}
}
