import { MetaError } from './meta-error.ts';

/** The container was still not FINISHED when polling gave up (Meta: poll no more than 5 minutes). */
export class InstagramContainerTimeoutError extends MetaError {
	override readonly code = 'META_INSTAGRAM_CONTAINER_TIMEOUT';
	readonly containerId: string;
	readonly lastStatus: string;
	readonly waitedMs: number;
	readonly polls: number;

	constructor(fields: {
		containerId: string;
		lastStatus: string;
		waitedMs: number;
		polls: number;
	}) {
		super(
			`Instagram container ${fields.containerId} was still ${fields.lastStatus} after ` +
				`${Math.round(fields.waitedMs / 1000)} s (${fields.polls} polls); gave up.`,
		);
		this.name = 'InstagramContainerTimeoutError';
		this.containerId = fields.containerId;
		this.lastStatus = fields.lastStatus;
		this.waitedMs = fields.waitedMs;
		this.polls = fields.polls;
	}
}
