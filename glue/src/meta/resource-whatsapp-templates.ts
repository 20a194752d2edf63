// GET /{waba-id}/message_templates, every page. A read changes nothing at Meta, so beyond what the
// transport retries (Meta's transient and rate-limited answers) a page is also fetched again after
// a timeout, a dropped connection or a 5xx without a Graph body.
import { withRetry } from '../common/retry.ts';
import { MetaHttpError } from './meta-http-error.ts';
import { MetaUnreachableError } from './meta-unreachable-error.ts';
import { DEFAULT_RETRY_POLICY } from './retry.ts';
import type { GraphTransport } from './transport.ts';
import { templateListPageSchema, type ApprovedTemplate } from './whatsapp-approved-template.ts';

const FIELDS = 'name,parameter_format,components,language,status,category,rejected_reason,id';
/** Graph's largest page for this edge; fewer calls against the 200/h management budget. */
const PAGE_SIZE = 100;
/** A guard against a cursor that never ends (10,000 templates; Meta allows far fewer per WABA). */
const MAX_PAGES = 100;

export interface ListTemplatesOptions {
	/** Only these statuses, e.g. ['APPROVED']; every status when absent. */
	statuses?: readonly string[];
	pageSize?: number;
}

export interface WhatsAppTemplatesResource {
	/** Every message template of the WABA, in every language and status, following the cursors. */
	listTemplates(wabaId: string, options?: ListTemplatesOptions): Promise<ApprovedTemplate[]>;
}

export function whatsappTemplatesResource(transport: GraphTransport): WhatsAppTemplatesResource {
	const readAgain = (error: unknown) =>
		error instanceof MetaUnreachableError ||
		(error instanceof MetaHttpError && (error.remoteStatus ?? 0) >= 500);
	return {
		async listTemplates(wabaId, options = {}) {
			const templates: ApprovedTemplate[] = [];
			let after: string | undefined;
			for (let page = 0; page < MAX_PAGES; page++) {
				const query = {
					fields: FIELDS,
					limit: options.pageSize ?? PAGE_SIZE,
					status: options.statuses?.join(','),
					after,
				};
				const answer = await withRetry(
					DEFAULT_RETRY_POLICY,
					() =>
						transport.request(templateListPageSchema, {
							method: 'GET',
							path: `/${encodeURIComponent(wabaId)}/message_templates`,
							query,
						}),
					{ retryable: readAgain, sleep: (ms) => transport.sleep(ms) },
				);
				templates.push(...answer.data);
				after = answer.paging?.cursors.after;
				if (!answer.paging?.next || !after || answer.data.length === 0) return templates;
			}
			return templates;
		},
	};
}
