// Message templates: checked before every save (handlers/validate-template.ts), with the rules of
// @switchboard/glue/templates, so a template with a mistake never reaches a customer.
import { defineHook } from '@directus/extensions-sdk';
import type { PrimaryKey } from '@directus/types';
import { validateCreate, validateUpdate } from './handlers/validate-template.ts';
import type { TemplateRecord } from './utils/template-record.ts';

export default defineHook(({ filter }, context) => {
	filter<TemplateRecord>('message_templates.items.create', (payload, _meta, event) =>
		validateCreate(payload, event, context),
	);
	filter<TemplateRecord>('message_templates.items.update', (payload, meta, event) =>
		validateUpdate(payload, meta.keys as PrimaryKey[], event, context),
	);
});
