// GET /switchboard/knowledge-bundle/:department[?language=es]: what the triage may ground a reply
// in, for one department, in one call. 401 without a user, 403 when the caller may not read the
// content (Directus's own check), 404 for an unknown department.
import { ForbiddenError, InvalidQueryError } from '@directus/errors';
import type { Accountability, EndpointExtensionContext, SchemaOverview } from '@directus/types';
import type { Request, RequestHandler } from 'express';
import { ContentResponseError } from '../../../../../glue/src/content/errors.ts';
import { ContentUnusableError, TokenRequiredError } from '../errors.ts';
import { buildBundle } from '../utils/build-bundle.ts';
import { parseBundleQuery } from '../utils/bundle-query.ts';
import { readBundleRecords } from './read-bundle-records.ts';

/** What Directus's middleware adds to every request. */
interface DirectusRequest extends Request {
	accountability?: Accountability;
	schema?: SchemaOverview;
}

export function getKnowledgeBundle(context: EndpointExtensionContext): RequestHandler {
	const publicUrl = String(context.env.PUBLIC_URL ?? '').replace(/\/+$/, '');
	const assetUrl = (id: string) => `${publicUrl}/assets/${encodeURIComponent(id)}`;

	return async (request, res, next) => {
		const req = request as DirectusRequest;
		try {
			const accountability = req.accountability;
			if (!accountability) throw new ForbiddenError();
			if (!accountability.user && !accountability.admin) throw new TokenRequiredError();
			const parsed = parseBundleQuery({ ...req.query, department: req.params.department });
			if (!parsed.ok) throw new InvalidQueryError({ reason: parsed.reason });
			const schema = req.schema ?? (await context.getSchema());
			const now = Date.now();
			const records = await readBundleRecords(
				parsed.query,
				now,
				{ accountability, schema },
				context,
			);
			const bundle = buildBundle(records, {
				now,
				assetUrl,
				onInvalid: (error) =>
					context.logger.warn(
						`knowledge bundle: left out ${error.collection} ${error.recordId ?? '(no id)'}: ${error.issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`,
					),
			});
			res.json({ data: bundle });
		} catch (error) {
			next(error instanceof ContentResponseError ? unusable(error) : error);
		}
	};
}

function unusable(error: ContentResponseError): Error {
	const issues = error.issues.map((issue) => `${issue.field} ${issue.message}`).join('; ');
	return new ContentUnusableError({ reason: `${error.collection} ${issues}` });
}
