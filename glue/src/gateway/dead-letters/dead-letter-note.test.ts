import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentReason, deadLetterNote } from './dead-letter-note.ts';

describe('dead-letter-note', () => {
	describe('agentReason', () => {
		it('should say in an agent’s words what each kind of last error means', () => {
			assert.deepEqual(
				[
					'n8n answered HTTP 409',
					'n8n answered HTTP 401',
					'n8n answered HTTP 404',
					'n8n answered HTTP 500',
					'n8n answered HTTP 422',
					'n8n at http://n8n:5678 refused the connection',
				].map(agentReason),
				[
					'the automation kept finding the conversation busy',
					'the automation refused the gateway (a secret or credential is wrong)',
					'the automation workflow is not active (its webhook was not found)',
					'the automation failed while processing the messages',
					'the automation refused the messages (HTTP 422)',
					'the automation could not be reached',
				],
			);
		});
	});

	describe('deadLetterNote', () => {
		it('should say what happened, why, and which ledger entries the operator can replay', () => {
			assert.equal(
				deadLetterNote({ ledgerIds: [17, 18], attempts: 10, lastError: 'n8n answered HTTP 503' }),
				"The bot could not process 2 of the customer's messages, so nobody has answered yet. " +
					'Please reply to the customer.\n\n' +
					'Why: the automation failed while processing the messages (10 attempts; last error: ' +
					'n8n answered HTTP 503).\n\n' +
					'For the operator: ledger entries 17, 18, listed by ' +
					'`node glue/src/gateway/cli.ts dead-letters list`.',
			);
		});
	});
});
