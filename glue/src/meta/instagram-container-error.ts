import { MetaError } from './meta-error.ts';

/** The terminal container states that cannot be published. */
export type FailedContainerStatus = 'ERROR' | 'EXPIRED' | 'PUBLISHED';

/**
 * The media container will not publish: ERROR (Meta could not fetch or process the media, e.g. not
 * a JPEG), EXPIRED (over 24 h old) or PUBLISHED (already used). Create a new container.
 */
export class InstagramContainerError extends MetaError {
	override readonly code = 'META_INSTAGRAM_CONTAINER';
	readonly containerId: string;
	readonly statusCode: FailedContainerStatus;
	/** Meta's status text, e.g. "Error: Media upload has failed with error code 2207005 …". */
	readonly statusText: string | null;

	constructor(fields: {
		containerId: string;
		statusCode: FailedContainerStatus;
		statusText: string | null;
	}) {
		super(
			`Instagram container ${fields.containerId} is ${fields.statusCode}` +
				(fields.statusText ? `: ${fields.statusText}` : ''),
		);
		this.name = 'InstagramContainerError';
		this.containerId = fields.containerId;
		this.statusCode = fields.statusCode;
		this.statusText = fields.statusText;
	}
}
