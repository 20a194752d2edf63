import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { contentReaderFor } from '../../../shared/clients';

const properties: INodeProperties[] = [
	{
		displayName: 'Department Key',
		name: 'departmentKey',
		type: 'string',
		default: '={{ $json.department.key }}',
		required: true,
		description: 'The department that received the message, e.g. from the Department Router',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. es',
		description: "Only FAQ in this language; empty gives Claude every language's answers",
	},
];

export const resultField = 'knowledge';

export const description = updateDisplayOptions(
	{ show: { operation: ['getKnowledgeBundle'] } },
	properties,
);

/** The department's bundle, with `departments`: every department, so the triage can route. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const reader = await contentReaderFor(this);
	const language = (this.getNodeParameter('language', i) as string).trim();
	const knowledge = await reader.loadKnowledgeBundle(
		(this.getNodeParameter('departmentKey', i) as string).trim(),
		language ? { language } : {},
	);
	// What the keyword fallback needs of each department, should Claude be down.
	const departments = (await reader.departments()).map(
		({ key, name, fallbackKeywords, urgencyKeywords }) => ({
			key,
			name,
			fallbackKeywords,
			urgencyKeywords: urgencyKeywords ?? null,
		}),
	);
	return { ...(knowledge as unknown as IDataObject), departments };
}
