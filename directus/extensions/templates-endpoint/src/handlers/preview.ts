// GET /switchboard-templates/preview/:id[?lead=|name=&phone=&language=|department=][&format=html]
// Every read uses the caller's accountability, so a person sees a preview only of what they may
// read (a lead's contact included); what a chosen contact lacks shows the variables' samples.
import { ForbiddenError, InvalidPayloadError, InvalidQueryError } from '@directus/errors';
import type { Accountability, EndpointExtensionContext, SchemaOverview } from '@directus/types';
import {
	previewTemplateRecords,
	TEMPLATE_FIELDS,
	TemplateError,
	type PreviewRecords,
} from '@switchboard/glue/templates';
import type { Request, Response } from 'express';
import { previewAnswer } from '../utils/preview-answer.ts';
import { previewHtml } from '../utils/preview-html.ts';
import { previewQuerySchema, queryReason, type PreviewQuery } from '../utils/preview-query.ts';

type Row = Record<string, unknown>;
type DirectusRequest = Request & {
	accountability?: Accountability | null;
	schema?: SchemaOverview;
};

export async function previewTemplate(
	req: DirectusRequest,
	res: Response,
	context: EndpointExtensionContext,
): Promise<void> {
	const accountability = req.accountability ?? null;
	if (!accountability?.user) throw new ForbiddenError();
	const query = previewQuerySchema.safeParse(req.query);
	if (!query.success) throw new InvalidQueryError({ reason: queryReason(query.error) });
	const schema = req.schema ?? (await context.getSchema());
	const items = (collection: string) =>
		new context.services.ItemsService(collection, { schema, accountability });

	const template = (await items('message_templates').readOne(String(req.params.id), {
		fields: [...TEMPLATE_FIELDS],
	})) as Row;
	const records = await contextRecords(query.data, items);
	let answer;
	try {
		answer = previewAnswer(previewTemplateRecords({ template, ...records }));
	} catch (error) {
		if (error instanceof TemplateError) throw new InvalidPayloadError({ reason: error.message });
		throw error;
	}
	if (query.data.format === 'html') {
		res.type('html').send(previewHtml(answer));
		return;
	}
	res.json({ data: answer });
}

type ItemsOf = (collection: string) => {
	readOne(key: string | number, query: object): Promise<unknown>;
	readByQuery(query: object): Promise<unknown[]>;
	readSingleton(query: object): Promise<unknown>;
};

async function contextRecords(
	query: PreviewQuery,
	items: ItemsOf,
): Promise<Omit<PreviewRecords, 'template'>> {
	const lead = query.lead
		? ((await items('leads').readOne(query.lead, {
				fields: ['contact_name', 'contact_phone', 'department'],
			})) as Row)
		: null;
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
	const name = query.name ?? text(lead?.contact_name);
	const phone = query.phone ?? text(lead?.contact_phone);
	const language = query.language ?? null;
	const contact = name || phone || language ? { name, phone, language } : null;
	const departmentKey = query.department ?? text(lead?.department);
	const [department] = departmentKey
		? ((await items('departments').readByQuery({
				filter: { key: { _eq: departmentKey } },
				limit: 1,
			})) as Row[])
		: [];
	const business = (await items('business_info').readSingleton({})) as Row;
	return {
		contact,
		department: department ?? null,
		// An empty singleton comes back as its defaults, without an id.
		business: business && business.id !== undefined && business.id !== null ? business : null,
	};
}
