// "No customer-facing sentence lives in a workflow": every node of our workflows that sends a
// customer a message takes its words from an expression (a Directus template, Claude's reply),
// never from text typed into the node.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const WORKFLOWS = join(import.meta.dirname, '..', 'workflows');

interface WorkflowNode {
	name: string;
	type: string;
	parameters?: Record<string, unknown>;
}

/** Nodes that write to a customer, and the parameter holding the words. */
const SENDERS: { type: string; operation: string; field: string }[] = [
	{ type: 'n8n-nodes-switchboard.chatwoot', operation: 'reply', field: 'text' },
];

/** True when the value is one n8n expression with nothing typed around it: "={{ … }}". */
const isPureExpression = (value: unknown) =>
	typeof value === 'string' && /^=\{\{[^]*\}\}$/.test(value.trim()) && !/\}\}[^]*\{\{/.test(value);

describe('workflow wording', () => {
	for (const file of readdirSync(WORKFLOWS).filter((name) => name.endsWith('.json'))) {
		it(`should type no customer-facing words into ${file}`, () => {
			const { nodes } = JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as {
				nodes: WorkflowNode[];
			};
			const typed = nodes.flatMap((node) =>
				SENDERS.filter(
					(sender) => node.type === sender.type && node.parameters?.operation === sender.operation,
				)
					.filter((sender) => !isPureExpression(node.parameters?.[sender.field]))
					.map(
						(sender) => `${node.name}.${sender.field}: ${String(node.parameters?.[sender.field])}`,
					),
			);
			assert.deepEqual(typed, []);
		});
	}
});
