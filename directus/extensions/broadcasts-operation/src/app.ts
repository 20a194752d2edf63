// How the step looks in the flow editor (directus/flows/flows.json creates the flows that use it).
import { defineOperationApp } from '@directus/extensions-sdk';

export default defineOperationApp({
	id: 'switchboard-broadcast',
	name: 'Broadcast: test or estimate',
	icon: 'campaign',
	description:
		'Sends the broadcast the flow was run on to the phone typed in the confirmation dialog, or works out its estimate, with the permissions of whoever ran it.',
	overview: ({ action }) => [{ label: 'Action', text: String(action) }],
	options: [
		{
			field: 'action',
			name: 'Action',
			type: 'string',
			meta: {
				width: 'full',
				interface: 'select-dropdown',
				options: {
					choices: [
						{ text: 'Send a test (to the "phone" of the dialog)', value: 'test' },
						{ text: 'Estimate', value: 'estimate' },
					],
				},
			},
		},
	],
});
