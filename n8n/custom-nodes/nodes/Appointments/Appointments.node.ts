import {
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { checkCalendarConnection } from '@switchboard/glue/booking';
import { chatwootCredentialTest } from '../../shared/chatwoot-credential-test';
import { testFailed, testPassed } from '../../shared/credential-test-result';
import { postgresCredentialTest } from '../../shared/postgres-credential-test';
import * as appointments from './actions';
import { calendarConnectionOf, type AppointmentsCredential } from './actions/runtime';
import { router } from './actions/router';

const calendarOps = { show: { operation: appointments.CALENDAR_OPERATIONS } };
const chatOps = { show: { operation: ['converse', 'remind', 'applyChanges'] } };

export class Appointments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Appointments',
		name: 'appointments',
		icon: {
			light: 'file:../../icons/switchboard.svg',
			dark: 'file:../../icons/switchboard.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Book, move and cancel appointments on Google Calendar, and hold the booking chat with a customer',
		defaults: { name: 'Appointments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'switchboardPostgresApi', required: true, testedBy: 'switchboardPostgresApiTest' },
			{
				name: 'switchboardAppointmentsApi',
				required: true,
				displayOptions: calendarOps,
				testedBy: 'switchboardAppointmentsApiTest',
			},
			{ name: 'switchboardDirectusApi', required: true, displayOptions: calendarOps },
			{
				name: 'switchboardChatwootApi',
				required: true,
				displayOptions: chatOps,
				testedBy: 'switchboardChatwootApiTest',
			},
			{
				name: 'switchboardClaudeApi',
				required: true,
				displayOptions: { show: { operation: ['converse'] } },
			},
		],
		properties: appointments.description,
	};

	methods = {
		credentialTest: {
			async switchboardPostgresApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return await postgresCredentialTest(credential);
			},
			async switchboardChatwootApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return await chatwootCredentialTest(credential);
			},
			async switchboardAppointmentsApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				try {
					const data = (credential.data ?? {}) as unknown as AppointmentsCredential;
					await checkCalendarConnection(calendarConnectionOf(data));
					return testPassed();
				} catch (error) {
					return testFailed(error);
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
