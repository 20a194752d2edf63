import type { GraphError } from './graph-error-body.ts';
import { MetaError } from './meta-error.ts';

/**
 * The account's 24-hour publishing quota is used up: seen in content_publishing_limit before
 * publishing, or answered by Meta as #9/2207042. Retrying today will not help.
 */
export class InstagramPublishLimitError extends MetaError {
	override readonly code = 'META_INSTAGRAM_PUBLISH_LIMIT';
	readonly igUserId: string;
	/** From content_publishing_limit; null when Meta refused the publish itself. */
	readonly quotaUsage: number | null;
	readonly quotaTotal: number | null;
	/** Meta's error when it refused the publish; null when our pre-check stopped it. */
	readonly graph: GraphError | null;

	constructor(fields: {
		igUserId: string;
		quotaUsage: number | null;
		quotaTotal: number | null;
		graph: GraphError | null;
	}) {
		const usage =
			fields.quotaUsage === null ? '' : ` (${fields.quotaUsage} of ${fields.quotaTotal} used)`;
		super(`Instagram account ${fields.igUserId} has used up its 24-hour publishing quota${usage}.`);
		this.name = 'InstagramPublishLimitError';
		this.igUserId = fields.igUserId;
		this.quotaUsage = fields.quotaUsage;
		this.quotaTotal = fields.quotaTotal;
		this.graph = fields.graph;
	}
}
