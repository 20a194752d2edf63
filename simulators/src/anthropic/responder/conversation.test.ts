import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConversation } from './conversation.ts';
import { gatherFacts } from './facts.ts';
import { groundedReply } from './strings.ts';

describe('readConversation', () => {
	it('should keep the last record of one system block out of the next block', () => {
		// As a triage prompt sends them: the promotions block ends on a record, and the next block
		// (which changes on every call) starts with the current time.
		const conversation = readConversation({
			model: 'claude-haiku-5-5',
			system: [
				{ type: 'text', text: '## Plans\n\n[plan:2] Fibre 500: 500 Mbps for 49.99 USD a month.' },
				{ type: 'text', text: 'Current time: 2026-12-06 16:07 Sun (America/New_York).' },
			],
			messages: [{ role: 'user', content: 'How much does Fibre 500 cost per month?' }],
		});
		const reply = groundedReply(gatherFacts(conversation, new Date('2026-12-06T21:07:00Z')));
		assert.match(reply, /49\.99/);
		assert.doesNotMatch(reply, /16:07|2026-12-06/, 'the reply quotes the current time');
	});
});
