// The message templates a fresh simulator's WABA has: Meta's own hello_world, and a few for the
// sandbox business (Northwind Fibre) in each state and kind a sync or a send meets.
import type { TemplateDefinitionInput } from './config.ts';

export const SEEDED_TEMPLATES: TemplateDefinitionInput[] = [
	{
		name: 'hello_world',
		language: 'en_US',
		category: 'UTILITY',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Hello World' },
			{
				type: 'BODY',
				text:
					'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp ' +
					'message notification from the Cloud API, hosted by Meta. Thank you for taking the time ' +
					'to test with us.',
			},
			{ type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
		],
	},
	{
		name: 'installation_reminder',
		language: 'en_US',
		category: 'UTILITY',
		components: [
			{
				type: 'BODY',
				text: 'Hi {{1}}, our technician visits you on {{2}} at {{3}} to install your fibre.',
				example: { body_text: [['Pablo', 'Monday 9 March', '09:00']] },
			},
			{ type: 'FOOTER', text: 'Northwind Fibre' },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Change the time' }] },
		],
	},
	{
		name: 'installation_reminder',
		language: 'es',
		category: 'UTILITY',
		components: [
			{
				type: 'BODY',
				text: 'Hola {{1}}, nuestro técnico le visita el {{2}} a las {{3}} para instalar la fibra.',
				example: { body_text: [['Pablo', 'lunes 9 de marzo', '09:00']] },
			},
			{ type: 'FOOTER', text: 'Northwind Fibre' },
			{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Cambiar la hora' }] },
		],
	},
	// The appointment reminder for a customer whose 24-hour window has closed; directus/seed maps
	// the `appointment_reminder` message template onto it parameter by parameter.
	{
		name: 'appointment_reminder',
		language: 'en',
		category: 'UTILITY',
		components: [
			{
				type: 'BODY',
				text: 'Hi {{1}}, a reminder of your {{2}} on {{3}} {{4}} at {{5}}. Reply here if you need to move it.',
				example: { body_text: [['Ana', 'Installation visit', 'Monday', '15 March 2027', '10:00']] },
			},
			{ type: 'FOOTER', text: 'Northwind Fibre' },
		],
	},
	{
		name: 'appointment_reminder',
		language: 'es',
		category: 'UTILITY',
		components: [
			{
				type: 'BODY',
				text: 'Hola {{1}}, le recordamos su {{2}} el {{3}} {{4}} a las {{5}}. Responda aquí si necesita cambiarla.',
				example: {
					body_text: [['Ana', 'Visita de instalación', 'lunes', '15 de marzo de 2027', '10:00']],
				},
			},
			{ type: 'FOOTER', text: 'Northwind Fibre' },
		],
	},
	{
		name: 'fibre_offer',
		language: 'en_US',
		category: 'MARKETING',
		components: [
			{
				type: 'HEADER',
				format: 'IMAGE',
				example: { header_handle: ['https://cdn.example.com/fibre.jpg'] },
			},
			{
				type: 'BODY',
				text: 'Hi {{1}}! {{2}} is {{3}} a month until {{4}}.',
				example: { body_text: [['Pablo', 'Fibre 1000', '$29.99', '31 March']] },
			},
			{ type: 'FOOTER', text: 'Reply STOP to opt out' },
			{
				type: 'BUTTONS',
				buttons: [
					{
						type: 'URL',
						text: 'See the offer',
						url: 'https://northwind.example/offers/{{1}}',
						example: ['https://northwind.example/offers/fibre-1000'],
					},
					{ type: 'QUICK_REPLY', text: 'Stop promotions' },
				],
			},
		],
	},
	{
		name: 'payment_due',
		language: 'en_US',
		category: 'UTILITY',
		status: 'PENDING',
		parameter_format: 'NAMED',
		components: [
			{
				type: 'BODY',
				text: 'Hi {{first_name}}, your bill of {{amount}} is due on {{due_date}}.',
				example: {
					body_text_named_params: [
						{ param_name: 'first_name', example: 'Pablo' },
						{ param_name: 'amount', example: '$29.99' },
						{ param_name: 'due_date', example: '1 April' },
					],
				},
			},
		],
	},
	{
		name: 'win_back',
		language: 'en_US',
		category: 'MARKETING',
		status: 'REJECTED',
		rejected_reason: 'PROMOTIONAL',
		components: [{ type: 'BODY', text: 'We miss you, {{1}}! Come back for 50% off.' }],
	},
];
