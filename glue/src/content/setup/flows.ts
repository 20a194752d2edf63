// Validation Directus cannot express as a field rule, kept as Flows with fixed ids
// (directus/schema/flows.json). A flow whose operations differ is rebuilt whole: deleting a flow
// deletes its operations, and rebuilding avoids juggling their resolve/reject links one by one.
import { z } from 'zod/v4';
import type { DirectusApi } from '../directus-client.ts';
import { ContentSetupError } from '../errors.ts';
import { differingKeys, sameJson, type SetupResult } from './changes.ts';

const record = z.record(z.string(), z.unknown());

const operationSchema = z.object({
	id: z.uuid(),
	key: z.string().regex(/^[a-z][a-z0-9_]*$/),
	name: z.string(),
	type: z.string(),
	position_x: z.int(),
	position_y: z.int(),
	resolve: z.string().optional(),
	reject: z.string().optional(),
	options: record,
});

const flowSchema = z
	.object({
		id: z.uuid(),
		name: z.string(),
		icon: z.string().nullable(),
		color: z.string().nullable(),
		description: z.string().nullable(),
		status: z.enum(['active', 'inactive']),
		trigger: z.string(),
		accountability: z.string().nullable(),
		options: record,
		/** Key of the operation the flow starts with. */
		first: z.string(),
		operations: z.array(operationSchema).min(1),
	})
	.superRefine((flow, context) => {
		const keys = new Set(flow.operations.map((operation) => operation.key));
		for (const key of [
			flow.first,
			...flow.operations.flatMap((operation) => [operation.resolve, operation.reject]),
		]) {
			if (key !== undefined && !keys.has(key)) {
				context.addIssue({ code: 'custom', message: `no operation has the key "${key}"` });
			}
		}
	});

export const flowsFileSchema = z.object({ flows: z.array(flowSchema) });
export type FlowsFile = z.output<typeof flowsFileSchema>;
type FlowDefinition = FlowsFile['flows'][number];

const FLOW_KEYS = [
	'name',
	'icon',
	'color',
	'description',
	'status',
	'trigger',
	'accountability',
	'options',
] as const;

interface DesiredOperation {
	id: string;
	key: string;
	name: string;
	type: string;
	position_x: number;
	position_y: number;
	resolve: string | null;
	reject: string | null;
	options: Record<string, unknown>;
}

/** The file's operations as Directus stores them: ids for links, code as one string. */
function desiredOperations(flow: FlowDefinition): DesiredOperation[] {
	const idOf = new Map(flow.operations.map((operation) => [operation.key, operation.id]));
	return flow.operations.map((operation) => ({
		id: operation.id,
		key: operation.key,
		name: operation.name,
		type: operation.type,
		position_x: operation.position_x,
		position_y: operation.position_y,
		resolve: operation.resolve ? idOf.get(operation.resolve)! : null,
		reject: operation.reject ? idOf.get(operation.reject)! : null,
		options: Array.isArray(operation.options.code)
			? { ...operation.options, code: operation.options.code.join('\n') }
			: operation.options,
	}));
}

interface LiveFlow extends Record<string, unknown> {
	id: string;
	operation: string | null;
	operations: Record<string, unknown>[];
}

export async function syncFlows(
	api: DirectusApi<object>,
	file: FlowsFile,
	options: { dryRun: boolean },
): Promise<SetupResult> {
	const result: SetupResult = { changes: [], skipped: [] };
	for (const flow of file.flows) {
		const [live] = await api.call<LiveFlow[]>('GET', '/flows', {
			params: { filter: { id: { _eq: flow.id } }, fields: ['*', 'operations.*'] },
		});
		const operations = desiredOperations(flow);
		const first = operations.find((operation) => operation.key === flow.first)!.id;
		const settings = Object.fromEntries(FLOW_KEYS.map((key) => [key, flow[key]]));
		const target = `flow "${flow.name}"`;
		if (!live) {
			result.changes.push({ action: 'create', target });
			if (!options.dryRun) await createFlow(api, flow.id, settings, operations, first);
			continue;
		}
		if (!sameOperations(operations, live.operations) || live.operation !== first) {
			result.changes.push({ action: 'update', target, detail: 'operations rebuilt' });
			if (!options.dryRun) {
				await api.call('DELETE', `/flows/${flow.id}`);
				await createFlow(api, flow.id, settings, operations, first);
			}
			continue;
		}
		const keys = differingKeys(settings, live);
		if (keys.length) {
			result.changes.push({ action: 'update', target, detail: keys.join(', ') });
			if (!options.dryRun) await api.call('PATCH', `/flows/${flow.id}`, { body: settings });
		}
	}
	return result;
}

function sameOperations(wanted: DesiredOperation[], live: Record<string, unknown>[]): boolean {
	if (wanted.length !== live.length) return false;
	return wanted.every((operation) => {
		const found = live.find((candidate) => candidate.id === operation.id);
		return found !== undefined && sameJson(operation, pick(found, Object.keys(operation)));
	});
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(keys.map((key) => [key, source[key]]));
}

async function createFlow(
	api: DirectusApi<object>,
	id: string,
	settings: Record<string, unknown>,
	operations: DesiredOperation[],
	first: string,
): Promise<void> {
	await api.call('POST', '/flows', { body: { id, ...settings } });
	// An operation's resolve/reject must exist before it: create from the end of the chain.
	const created = new Set<string>();
	while (created.size < operations.length) {
		const ready = operations.filter(
			(operation) =>
				!created.has(operation.id) &&
				[operation.resolve, operation.reject].every((link) => link === null || created.has(link)),
		);
		if (!ready.length) {
			throw new ContentSetupError({
				file: 'directus/schema/flows.json',
				reason: `has a loop in the operations of flow ${id}`,
			});
		}
		for (const operation of ready) {
			await api.call('POST', '/operations', { body: { ...operation, flow: id } });
			created.add(operation.id);
		}
	}
	await api.call('PATCH', `/flows/${id}`, { body: { operation: first } });
}
