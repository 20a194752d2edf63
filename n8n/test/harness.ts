// Runs workflows in-process on n8n-core's WorkflowExecute, the engine n8n itself runs, with our
// package loaded from its built dist/ the way n8n loads a community package. n8n does not publish
// its own test harness, so this is ours: a node test here exercises the shipped bundle, its
// parameters, expressions, credentials, continueOnFail and pairedItem, without a server.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as N8nCore from 'n8n-core';
import type * as N8nWorkflow from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

const require = createRequire(import.meta.url);
const core = require('n8n-core') as typeof N8nCore;
const workflowLib = require('n8n-workflow') as typeof N8nWorkflow;

export const PACKAGE_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'custom-nodes');
export const PACKAGE_NAME = 'n8n-nodes-switchboard';

/** Our package's node and credential types, loaded once per test process. */
export interface LoadedPackage {
	nodeTypes: INodeTypes;
	nodeTypeNames: string[];
	credentialTypeNames: string[];
}

let loaded: Promise<LoadedPackage> | undefined;

export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new core.PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const byName = (type: string): INodeType | IVersionedNodeType => {
			const name = type.startsWith(`${PACKAGE_NAME}.`) ? type.slice(PACKAGE_NAME.length + 1) : type;
			const node = loader.nodeTypes[name];
			if (!node) throw new Error(`harness: ${type} is not a node of ${PACKAGE_NAME}`);
			return node.type;
		};
		const nodeTypes: INodeTypes = {
			getByName: byName,
			getByNameAndVersion: (type, version) =>
				workflowLib.NodeHelpers.getVersionedNodeType(byName(type), version),
			getKnownTypes: () => ({}),
		};
		return {
			nodeTypes,
			nodeTypeNames: Object.keys(loader.nodeTypes).map((name) => `${PACKAGE_NAME}.${name}`),
			credentialTypeNames: Object.keys(loader.credentialTypes),
		};
	})();
	return loaded;
}

/** A node in a test workflow; `type` is the short name, e.g. "chatwoot". */
export interface TestNode {
	name: string;
	type: string;
	parameters: INode['parameters'];
	/** Credential type → id; the harness resolves the data from `credentials`. */
	credentials?: Record<string, string>;
	continueOnFail?: boolean;
}

export interface RunOptions {
	/** The nodes, run in order: each one's output is the next one's input. */
	nodes: TestNode[];
	/** Items given to the first node. */
	input: IDataObject[];
	/** Credential data by credential type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

export interface RunResult {
	run: IRun;
	/** The error the workflow stopped with, if any. */
	error: Error | undefined;
	/** A node's output items (first run, first output). */
	output(nodeName: string): INodeExecutionData[];
}

function chain(nodes: INode[]): IConnections {
	const connections: IConnections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index]!.name] = {
			main: [[{ node: nodes[index + 1]!.name, type: 'main', index: 0 }]],
		};
	}
	return connections;
}

export async function runNodes(options: RunOptions): Promise<RunResult> {
	const { nodeTypes } = await loadPackage();
	const nodes: INode[] = options.nodes.map((node, index) => ({
		id: `node-${index}`,
		name: node.name,
		type: `${PACKAGE_NAME}.${node.type}`,
		typeVersion: 1,
		position: [index * 220, 0],
		parameters: node.parameters,
		continueOnFail: node.continueOnFail ?? false,
		credentials: Object.fromEntries(
			Object.entries(node.credentials ?? {}).map(([type, id]) => [type, { id, name: type }]),
		),
	}));
	const workflowData = {
		id: 'harness',
		name: 'harness',
		nodes,
		connections: chain(nodes),
		active: false,
		settings: { executionOrder: 'v1' as const },
	};
	const workflow = new workflowLib.Workflow({ ...workflowData, nodeTypes });
	const hooks = new core.ExecutionLifecycleHooks('manual', 'harness-execution', {
		...workflowData,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	const credentialsData = options.credentials ?? {};
	// Only what WorkflowExecute and our nodes read: a proxy that invents members makes n8n-core take
	// paths (encrypted runner identity, restarts) that a plain test run must not.
	const credentialsHelper = {
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		getCredentialsProperties: () => [],
		async getDecrypted(
			_additionalData: IWorkflowExecuteAdditionalData,
			_details: INodeCredentialsDetails,
			type: string,
		) {
			const data = credentialsData[type];
			if (!data) throw new Error(`harness: no credentials of type ${type} were given`);
			return data;
		},
	} as unknown as IWorkflowExecuteAdditionalData['credentialsHelper'];
	const additionalData = {
		credentialsHelper,
		hooks,
		executionId: 'harness-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		executeWorkflow: () => Promise.reject(new Error('harness: sub-workflows are not supported')),
		getRunExecutionData: () => Promise.resolve(undefined),
		getRuntimeCredential: () => Promise.resolve(undefined),
		logAiEvent: () => undefined,
		startRunnerTask: () => Promise.reject(new Error('harness: Code nodes need the real n8n')),
	} as unknown as IWorkflowExecuteAdditionalData;

	const first = nodes[0];
	if (!first) throw new Error('harness: a workflow needs at least one node');
	const runExecutionData = workflowLib.createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: first,
					data: { main: [options.input.map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	const execute = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
	const run = await execute.processRunExecutionData(workflow);
	return {
		run,
		error: run.data.resultData.error as Error | undefined,
		output(nodeName) {
			const task = run.data.resultData.runData[nodeName]?.[0];
			if (!task) throw new Error(`harness: node "${nodeName}" did not run`);
			return task.data?.main?.[0] ?? [];
		},
	};
}
