import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';
import {
	bookingChatRoute,
	outcomeOf,
	planActions,
	routeAfterBotFailure,
	type PlannedTriage,
} from '@switchboard/glue/pipeline';
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
			"The customer's name, for the contact.name and contact.first_name variables of Directus's message templates",
	},
	{
		displayName: 'Conversation Owner',
		name: 'conversationOwner',
		type: 'string',
		default: "={{ $json.conversation?.owner ?? 'bot' }}",
		placeholder: 'e.g. bot',
		description:
			"Who has the conversation (the Chatwoot node's owner). after_bot_failure: Chatwoot opened it before the bot could answer, so the route is a hand-off with nothing sent to the customer.",
	},
	{
		displayName: 'Booking Chat Waits for an Answer',
		name: 'bookingChatActive',
		type: 'boolean',
		default: false,
		description:
			"Whether the booking assistant asked this conversation something (the Appointments node's booking chat state). Then, or when the triage reads a wish to book, move or cancel, the route is booking_chat: workflow 06 answers.",
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
 * the note, labels, team and priority for Chatwoot. When a person takes over, the customer's message
 * is Directus's `handoff` template (out of hours `out_of_hours`) in their language.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const triage = this.getNodeParameter('triage', i, {}, { ensureType: 'json' }) as TriageVerdict &
		PlannedTriage & { appointment?: string | null };
	const reader = await contentReaderFor(this);
	// Read through the reader's shared cache, like the departments: no extra request per message.
	const [departments, business, outOfHours, handoff] = await Promise.all([
		reader.departments(),
		reader.businessInfo(),
		reader.messageTemplate('out_of_hours', triage.language),
		reader.messageTemplate('handoff', triage.language),
	]);
	const department = await reader.department(
		(this.getNodeParameter('departmentKey', i) as string).trim(),
	);
	const now = new Date();
	const decided = decideRoute({ department, departments, business, triage, at: now });
	const afterBotFailure =
		this.getNodeParameter('conversationOwner', i, 'bot') === 'after_bot_failure';
	// After Chatwoot's bot-failure path the bot says nothing, not even in a booking chat.
	const booking = afterBotFailure
		? null
		: bookingChatRoute({
				department: department.key,
				awaitingAnswer: this.getNodeParameter('bookingChatActive', i, false) === true,
				appointment: triage.appointment,
			});
	if (booking) {
		const plan = { customerMessage: null, handoff: null };
		return { ...booking, outcome: outcomeOf(booking, triage.source ?? 'claude'), plan };
	}
	const route = afterBotFailure
		? routeAfterBotFailure(decided, department, triage.urgency)
		: decided;
	const names = Object.fromEntries(departments.map((d) => [d.key, d.name]));
	// Through JSON so the dates in it become the ISO strings n8n items carry.
	const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as IDataObject;
	const plan = planActions(route, triage, names, {
		outOfHours,
		handoff,
		// What the templates' {{contact.*}}, {{business.*}} and {{department.*}} are filled from.
		context: {
			locale: triage.language,
			timeZone: business.timeZone,
			now,
			contact: {
				name: this.getNodeParameter('contactName', i, '') as string,
				language: triage.language,
			},
			business,
		},
		departments,
		// Directus down: the note says how old the department records it routed with are.
		contentStale: reader.staleness(),
	});
	return plain({ ...route, outcome: outcomeOf(route, triage.source ?? 'claude'), plan });
}
