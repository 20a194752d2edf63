import { ProductionError } from './production-error.ts';

/** A command (docker compose, pg_dump, …) could not start or exited with a failure. */
export class CommandFailedError extends ProductionError {
	override readonly code = 'COMMAND_FAILED';
	/** The command as printed by formatCommand: no secret is ever part of it. */
	readonly command: string;
	/** null when the process could not start or was killed by a signal. */
	readonly exitCode: number | null;
	/** The end of its standard error, to say why. */
	readonly stderrTail: string;

	constructor(fields: {
		command: string;
		exitCode: number | null;
		stderrTail: string;
		cause?: unknown;
	}) {
		const how =
			fields.exitCode === null ? 'could not run or was killed' : `exited with ${fields.exitCode}`;
		super(`\`${fields.command}\` ${how}${fields.stderrTail ? `: ${fields.stderrTail}` : ''}`, {
			cause: fields.cause,
		});
		this.name = 'CommandFailedError';
		this.command = fields.command;
		this.exitCode = fields.exitCode;
		this.stderrTail = fields.stderrTail;
	}
}
