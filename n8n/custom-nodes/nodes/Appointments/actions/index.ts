import type { INodeProperties } from 'n8n-workflow';
import * as applyChanges from './applyChanges.operation';
import * as book from './book.operation';
import * as bookingChat from './bookingChat.operation';
import * as cancel from './cancel.operation';
import * as converse from './converse.operation';
import * as freeTimes from './freeTimes.operation';
import * as hold from './hold.operation';
import * as remind from './remind.operation';
import * as reschedule from './reschedule.operation';

export const operations = {
	freeTimes,
	hold,
	book,
	reschedule,
	cancel,
	converse,
	bookingChat,
	remind,
	applyChanges,
};

/** The operations that talk to Google Calendar (and need the Appointments credential). */
export const CALENDAR_OPERATIONS = [
	'freeTimes',
	'hold',
	'book',
	'reschedule',
	'cancel',
	'converse',
	'remind',
	'applyChanges',
];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Answer Booking Message',
				value: 'converse',
				action: 'Answer a customer in a booking chat',
				description:
					'Offer free times, read the answer with Claude, book, move or cancel, and reply in Chatwoot',
			},
			{
				name: 'Apply Directus Changes',
				value: 'applyChanges',
				action: 'Apply front desk changes to appointments',
				description:
					'Move or delete the Google event, mail the invite, move the reminders and tell the customer, for each appointment the front desk moved or cancelled',
			},
			{
				name: 'Book',
				value: 'book',
				action: 'Book a time',
				description:
					'Hold, re-check Google, insert the event, confirm; invite, reminders and stage',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel an appointment',
				description: 'Delete the Google event, free the time, cancel the reminders',
			},
			{
				name: 'Get Booking Chat',
				value: 'bookingChat',
				action: 'Get whether a conversation is in a booking chat',
				description: 'Whether the customer is answering a question of the booking assistant',
			},
			{
				name: 'Get Free Times',
				value: 'freeTimes',
				action: 'Get free times',
				description: "The next free times of a service, in the business's opening hours",
			},
			{
				name: 'Hold',
				value: 'hold',
				action: 'Hold a time',
				description: 'Keep a time for a customer for the hold time, without an event yet',
			},
			{
				name: 'Reschedule',
				value: 'reschedule',
				action: 'Move an appointment',
				description: 'Move it to another free time; the invite is updated',
			},
			{
				name: 'Send Reminder',
				value: 'remind',
				action: 'Send a due reminder',
				description: 'Send a reminder once, unless the appointment was cancelled or moved',
			},
		],
		default: 'converse',
	},
	...freeTimes.description,
	...hold.description,
	...book.description,
	...reschedule.description,
	...cancel.description,
	...converse.description,
	...bookingChat.description,
	...remind.description,
	...applyChanges.description,
];
