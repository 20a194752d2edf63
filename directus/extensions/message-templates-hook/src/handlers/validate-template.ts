// Filter hooks: run before Directus writes a message template, and refuse the save with an
// InvalidPayloadError whose reason names each problem in words marketing understands.
import { InvalidPayloadError } from '@directus/errors';
import type { EventContext, HookExtensionContext, PrimaryKey } from '@directus/types';
import { recordProblems } from '@switchboard/glue/templates';
import {
	approvedTemplateId,
	CREATE_DEFAULTS,
	problemsReason,
	type TemplateRecord,
} from '../utils/template-record.ts';
import { readApprovedTemplate, readTemplates } from './read-templates.ts';

export async function validateCreate(
	payload: TemplateRecord,
	event: EventContext,
	context: HookExtensionContext,
): Promise<TemplateRecord> {
	await assertValid({ ...CREATE_DEFAULTS, ...payload }, undefined, event, context);
	return payload;
}

/** An update carries only the changed fields: each saved template is checked with them applied. */
export async function validateUpdate(
	payload: TemplateRecord,
	keys: readonly PrimaryKey[],
	event: EventContext,
	context: HookExtensionContext,
): Promise<TemplateRecord> {
	for (const saved of await readTemplates(keys, event, context)) {
		await assertValid({ ...saved, ...payload }, String(saved.id), event, context);
	}
	return payload;
}

async function assertValid(
	record: TemplateRecord,
	id: string | undefined,
	event: EventContext,
	context: HookExtensionContext,
): Promise<void> {
	const approvedId = approvedTemplateId(record);
	const approved = approvedId ? await readApprovedTemplate(approvedId, event, context) : undefined;
	const problems = recordProblems(record, approved === undefined ? {} : { approved });
	if (problems.length) throw new InvalidPayloadError({ reason: problemsReason(problems, id) });
}
