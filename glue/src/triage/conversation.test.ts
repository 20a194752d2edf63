import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EARLIER_MESSAGES_PLACEHOLDER, toApiMessages } from './conversation.ts';
import type { HistoryMessage } from './input.ts';

const options = { historyLimit: 20, maxMessageChars: 4000 };
const text = (t: string) => ({ type: 'text', text: t });

describe('conversation', () => {
	describe('toApiMessages', () => {
		it('should send only the new message as one user turn when there is no history', () => {
			assert.deepEqual(toApiMessages([], ['Hi'], options), [
				{ role: 'user', content: [text('Hi')] },
			]);
		});

		it('should send a burst of new messages as one user turn, one block each', () => {
			assert.deepEqual(toApiMessages([], ['Hi', '  ', 'my router', 'is dead'], options), [
				{ role: 'user', content: [text('Hi'), text('my router'), text('is dead')] },
			]);
		});

		it('should map customer to user and agent or bot to assistant, tagging who spoke', () => {
			const history: HistoryMessage[] = [
				{ role: 'customer', text: 'Hello' },
				{ role: 'bot', text: 'Hi! How can I help?' },
				{ role: 'agent', text: 'Maria here, taking over.' },
				{ role: 'customer', text: 'Thanks' },
			];
			assert.deepEqual(toApiMessages(history, ['Is it fixed?'], options), [
				{ role: 'user', content: [text('Hello')] },
				{
					role: 'assistant',
					content: [text('[bot] Hi! How can I help?'), text('[agent] Maria here, taking over.')],
				},
				{ role: 'user', content: [text('Thanks'), text('Is it fixed?')] },
			]);
		});

		it('should open with a placeholder user turn when the window starts with the business', () => {
			const history: HistoryMessage[] = [{ role: 'agent', text: 'Your order number?' }];
			assert.deepEqual(toApiMessages(history, ['12345'], options), [
				{ role: 'user', content: [text(EARLIER_MESSAGES_PLACEHOLDER)] },
				{ role: 'assistant', content: [text('[agent] Your order number?')] },
				{ role: 'user', content: [text('12345')] },
			]);
		});

		it('should keep only the most recent messages, skipping empty ones', () => {
			const history: HistoryMessage[] = [
				{ role: 'customer', text: 'one' },
				{ role: 'bot', text: 'two' },
				{ role: 'customer', text: '' },
				{ role: 'customer', text: 'three' },
			];
			assert.deepEqual(toApiMessages(history, ['four'], { ...options, historyLimit: 2 }), [
				{ role: 'user', content: [text(EARLIER_MESSAGES_PLACEHOLDER)] },
				{ role: 'assistant', content: [text('[bot] two')] },
				{ role: 'user', content: [text('three'), text('four')] },
			]);
			assert.deepEqual(toApiMessages(history, ['four'], { ...options, historyLimit: 0 }), [
				{ role: 'user', content: [text('four')] },
			]);
		});

		it('should cut overlong messages', () => {
			const [turn] = toApiMessages([], ['x'.repeat(500)], { ...options, maxMessageChars: 100 });
			const block = Array.isArray(turn?.content) ? turn.content[0] : undefined;
			assert.equal(block?.type === 'text' && block.text, `${'x'.repeat(99)}…`);
		});

		it('should always alternate roles and end with the user', () => {
			const history: HistoryMessage[] = [
				{ role: 'bot', text: 'a' },
				{ role: 'agent', text: 'b' },
				{ role: 'customer', text: 'c' },
				{ role: 'customer', text: 'd' },
				{ role: 'bot', text: 'e' },
			];
			const roles = toApiMessages(history, ['f'], options).map((m) => m.role);
			assert.deepEqual(roles, ['user', 'assistant', 'user', 'assistant', 'user']);
		});
	});
});
