import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import { contentReaderFor } from '../../../shared/clients';
import type { Operation } from '../../../shared/run-items';
import * as getKnowledgeBundle from './getKnowledgeBundle.operation';
import * as recordLead from './recordLead.operation';

const departmentFilter: INodeProperties = {
	displayName: 'Department Key',
	name: 'department',
	type: 'string',
	default: '',
	placeholder: 'e.g. sales',
	description: "Only this department's items and those for every department; empty for all",
};

const records = (value: unknown): IDataObject[] => value as IDataObject[];

// The list reads are one call each; they share this file rather than one file per two lines.
export const operations = {
	getKnowledgeBundle,
	recordLead,
	getDepartments: {
		resultField: 'department',
		async execute(this: IExecuteFunctions): Promise<IDataObject[]> {
			return records(await (await contentReaderFor(this)).departments());
		},
	},
	getBusinessInfo: {
		resultField: 'business',
		async execute(this: IExecuteFunctions): Promise<IDataObject> {
			return (await (await contentReaderFor(this)).businessInfo()) as unknown as IDataObject;
		},
	},
	getFaq: {
		resultField: 'faq',
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
			const department = this.getNodeParameter('department', i) as string;
			const language = (this.getNodeParameter('language', i) as string).trim();
			const reader = await contentReaderFor(this);
			return records(await reader.faq({ department, ...(language ? { language } : {}) }));
		},
	},
	getLivePromotions: {
		resultField: 'promotion',
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
			const department = (this.getNodeParameter('department', i) as string).trim();
			const reader = await contentReaderFor(this);
			return records(await reader.livePromotions(department ? { department } : {}));
		},
	},
	getPlans: {
		resultField: 'plan',
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
			const department = (this.getNodeParameter('department', i) as string).trim();
			const reader = await contentReaderFor(this);
			return records(await reader.plans(department ? { department } : {}));
		},
	},
} satisfies Record<string, Operation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Get Business Info',
				value: 'getBusinessInfo',
				action: 'Get the business info',
				description:
					'Name, time zone, opening hours, address, contacts, tone of voice, added to the item as "business"',
			},
			{
				name: 'Get Departments',
				value: 'getDepartments',
				action: 'Get the departments',
				description:
					'One item per department (in "department"), with its numbers, team, threshold and hours',
			},
			{
				name: 'Get FAQ',
				value: 'getFaq',
				action: 'Get the published FAQ',
				description: 'One item per published question of a department, in "faq"',
			},
			{
				name: 'Get Knowledge Bundle',
				value: 'getKnowledgeBundle',
				action: 'Get what the triage needs for a department',
				description:
					'Business info, the department, its FAQ, live promotions and plans, and every department, added to the item as "knowledge"',
			},
			{
				name: 'Get Live Promotions',
				value: 'getLivePromotions',
				action: 'Get the live promotions',
				description: 'Published promotions running now, one item each, in "promotion"',
			},
			{
				name: 'Get Plans',
				value: 'getPlans',
				action: 'Get the published plans',
				description: 'One item per published plan, in "plan"',
			},
			{
				name: 'Record Lead',
				value: 'recordLead',
				action: 'Record a lead for a conversation',
				description:
					'Create the lead of a conversation: receiving number, department, contact, first message, referral',
			},
		],
		default: 'getKnowledgeBundle',
	},
	...getKnowledgeBundle.description,
	...recordLead.description,
	...updateDisplayOptions({ show: { operation: ['getFaq'] } }, [
		{ ...departmentFilter, required: true, description: 'The department whose FAQ to read' },
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'e.g. es',
			description: 'Only questions in this language; empty for all',
		},
	]),
	...updateDisplayOptions({ show: { operation: ['getLivePromotions', 'getPlans'] } }, [
		departmentFilter,
	]),
];
