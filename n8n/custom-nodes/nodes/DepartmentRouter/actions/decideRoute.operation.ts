import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { outcomeOf, planActions, type PlannedTriage } from '@switchboard/glue/pipeline';
import { decideRoute, type TriageVerdict } from '@switchboard/glue/routing';
import { contentReaderFor } from '../../../shared/clients';

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
	{
		displayName: 'Contact Name',
		name: 'contactName',
		type: 'string',
		default: "={{ $json.batch?.messages?.at(-1)?.sender?.name ?? '' }}",
		placeholder: 'e.g. Ana',
		description:
			"The customer's name, for the contact_name variable of Directus's out-of-hours message template",
	},
];

export const resultField = 'route';

export const description = updateDisplayOptions(
	{ show: { operation: ['decideRoute'] } },
	properties,
);

/**
 * The route: the action (reply, handoff or transfer), the team, the reason or note, the outcome the
 * Switchboard Log records, and `plan`: what to send the customer and, for a hand-off or transfer,
 * the note, labels, team and priority for Chatwoot. Out of hours, the customer's message is
 * Directus's `out_of_hours` template in their language.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const triage = this.getNodeParameter('triage', i, {}, { ensureType: 'json' }) as TriageVerdict &
		PlannedTriage;
	const reader = await contentReaderFor(this);
	// Read through the reader's shared cache, like the departments: no extra request per message.
	const [departments, business, outOfHours] = await Promise.all([
		reader.departments(),
		reader.businessInfo(),
		reader.messageTemplate('out_of_hours', triage.language),
	]);
	const department = await reader.department(
		(this.getNodeParameter('departmentKey', i) as string).trim(),
	);
	const route = decideRoute({ department, departments, business, triage, at: new Date() });
	const names = Object.fromEntries(departments.map((d) => [d.key, d.name]));
	// Through JSON so the dates in it become the ISO strings n8n items carry.
	const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as IDataObject;
	const plan = planActions(route, triage, names, {
		outOfHours,
		contactName: (this.getNodeParameter('contactName', i, '') as string).trim() || null,
		// Directus down: the note says how old the department records it routed with are.
		contentStale: reader.staleness(),
	});
	return plain({ ...route, outcome: outcomeOf(route, triage.source ?? 'claude'), plan });
}
