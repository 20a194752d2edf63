import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { planActions, type PlannedTriage } from '../../../../../glue/src/pipeline/action-plan.ts';
import { outcomeOf } from '../../../../../glue/src/pipeline/decision.ts';
import { decideRoute } from '../../../../../glue/src/routing/decide-route.ts';
import type { TriageVerdict } from '../../../../../glue/src/routing/triage-verdict.ts';
import { contentReaderFor } from '../../../shared/clients';
import { inputJson } from '../../../shared/run-items';

const properties: INodeProperties[] = [
	{
		displayName: 'Department Key',
		name: 'departmentKey',
		type: 'string',
		default: '={{ $json.department.key }}',
		required: true,
		description: 'The department that received the message',
	},
	{
		displayName: 'Triage',
		name: 'triage',
		type: 'json',
		default: '={{ $json.triage }}',
		required: true,
		description: "The Claude Triage node's triage",
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['decideRoute'] } },
	properties,
);

/**
 * Adds `route`: the action (reply, handoff or transfer), the team, the reason or note, and the
 * outcome the Switchboard Log records; and `plan`: what to send the customer and, for a hand-off or
 * transfer, the note, labels, team and priority for Chatwoot.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const triage = this.getNodeParameter('triage', i, {}, { ensureType: 'json' }) as TriageVerdict &
		PlannedTriage;
	const reader = await contentReaderFor(this);
	const [departments, business] = await Promise.all([reader.departments(), reader.businessInfo()]);
	const department = await reader.department(
		(this.getNodeParameter('departmentKey', i) as string).trim(),
	);
	const route = decideRoute({ department, departments, business, triage, at: new Date() });
	const names = Object.fromEntries(departments.map((d) => [d.key, d.name]));
	// Through JSON so the dates in it become the ISO strings n8n items carry.
	const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as IDataObject;
	return {
		...inputJson.call(this, i),
		route: plain({ ...route, outcome: outcomeOf(route, triage.source ?? 'claude') }),
		plan: plain(planActions(route, triage, names)),
	};
}
