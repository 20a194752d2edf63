// Directus Flows as code (directus/flows/flows.json), matched by id: the Studio's buttons, e.g.
// "Send a test to me" on a broadcast. A flow named in the file is mirrored exactly: when it or any of
// its steps differs from the file (an edit in the Studio), it is deleted and created again as the
// file says (a flow holds no content, and recreating keeps the steps' chain simple). Other flows are
// left alone.
import { z } from 'zod/v4';
import { connectDirectus, type DirectusApi, type DirectusConnection } from '../directus-client.ts';
import { differingKeys, type SetupResult } from './changes.ts';
import { readSetupFile, SETUP_FILES } from './files.ts';

const operationSchema = z.object({
	id: z.uuid(),
	name: z.string().min(1),
	/** Names the step's result for later ones, e.g. `{{broadcast.text}}`. */
	key: z.string().regex(/^[a-z][a-z0-9_]*$/),
	/** A Directus operation (notification, request, …) or ours (switchboard-broadcast). */
	type: z.string().min(1),
	position_x: z.int().positive(),
	position_y: z.int().positive(),
	options: z.record(z.string(), z.unknown()),
	resolve: z.uuid().nullable(),
	reject: z.uuid().nullable(),
});

const flowSchema = z.object({
	id: z.uuid(),
	name: z.string().min(1),
	icon: z.string(),
	color: z.string().nullable(),
	description: z.string().nullable(),
	status: z.enum(['active', 'inactive']),
	trigger: z.enum(['manual', 'event', 'schedule', 'webhook', 'operation']),
	accountability: z.enum(['all', 'activity']).nullable(),
	options: z.record(z.string(), z.unknown()),
	/** The first step is the first one listed. */
	operations: z.array(operationSchema).min(1),
});

export const flowsFileSchema = z
	.object({ flows: z.array(flowSchema) })
	.superRefine((file, context) => {
		const seen = new Set<string>();
		for (const flow of file.flows) {
			const own = new Set(flow.operations.map((operation) => operation.id));
			for (const item of [flow, ...flow.operations]) {
				if (seen.has(item.id)) {
					context.addIssue({ code: 'custom', message: `the id ${item.id} is used twice` });
				}
				seen.add(item.id);
			}
			for (const operation of flow.operations) {
				for (const next of [operation.resolve, operation.reject]) {
					if (next && !own.has(next)) {
						context.addIssue({
							code: 'custom',
							message: `flow "${flow.name}": step "${operation.name}" goes on to ${next}, which is not one of its steps`,
						});
					}
				}
			}
		}
	});
export type FlowsFile = z.output<typeof flowsFileSchema>;
type Flow = FlowsFile['flows'][number];

export interface ApplyFlowsOptions {
	/** An admin's static token. */
	directus: DirectusConnection;
	file?: URL;
	dryRun?: boolean;
}

type LiveFlow = Record<string, unknown> & {
	id: string;
	operations: (Record<string, unknown> & { id: string })[];
};

export async function applyDirectusFlows(options: ApplyFlowsOptions): Promise<SetupResult> {
	const wanted = readSetupFile(options.file ?? SETUP_FILES.flows, flowsFileSchema);
	const api = connectDirectus<object>(options.directus);
	const dryRun = options.dryRun ?? false;
	const result: SetupResult = { changes: [], skipped: [] };
	for (const flow of wanted.flows) {
		const [live] = await api.call<LiveFlow[]>('GET', '/flows', {
			params: { filter: { id: { _eq: flow.id } }, fields: ['*', 'operations.*'], limit: 1 },
		});
		const target = `flow "${flow.name}"`;
		if (!live) {
			result.changes.push({ action: 'create', target });
			if (!dryRun) await createFlow(api, flow);
			continue;
		}
		const differences = flowDifferences(flow, live);
		if (!differences.length) continue;
		result.changes.push({ action: 'update', target, detail: differences.join(', ') });
		if (dryRun) continue;
		// Deleting a flow deletes its steps (directus_operations.flow cascades).
		await api.call('DELETE', `/flows/${flow.id}`);
		await createFlow(api, flow);
	}
	return result;
}

function flowDifferences(flow: Flow, live: LiveFlow): string[] {
	const { operations, ...settings } = flow;
	const keys = differingKeys({ ...settings, operation: operations[0]!.id }, live);
	const liveIds = new Set(live.operations.map((operation) => operation.id));
	for (const operation of operations) {
		const found = live.operations.find((item) => item.id === operation.id);
		if (!found) keys.push(`step "${operation.name}" missing`);
		else if (differingKeys({ ...operation }, found).length) keys.push(`step "${operation.name}"`);
		liveIds.delete(operation.id);
	}
	if (liveIds.size) keys.push(`${liveIds.size} step(s) added in the Studio`);
	return keys;
}

async function createFlow(api: DirectusApi<object>, flow: Flow): Promise<void> {
	const { operations, ...settings } = flow;
	await api.call('POST', '/flows', { body: settings });
	// A step names the ones after it, which must exist first: create them last to first.
	const created = new Set<string>();
	const pending = [...operations];
	while (pending.length) {
		const index = pending.findIndex((operation) =>
			[operation.resolve, operation.reject].every((next) => !next || created.has(next)),
		);
		const [operation] = pending.splice(index === -1 ? 0 : index, 1);
		await api.call('POST', '/operations', { body: { ...operation!, flow: flow.id } });
		created.add(operation!.id);
	}
	await api.call('PATCH', `/flows/${flow.id}`, { body: { operation: operations[0]!.id } });
}
