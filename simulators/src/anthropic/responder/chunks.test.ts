import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentChunks, matchChunks } from './chunks.ts';
import { groundedReply } from './strings.ts';
import { keywords } from './words.ts';

const faqPrompt = [
	'[faq:1] (en) Q: How long does installation take?',
	'A: Installation is usually done within 5 business days.',
	'',
	'[faq:2] (en) Q: Is there a cancellation fee?',
	'A: No, all plans are month to month.',
].join('\n');

describe('content chunks', () => {
	it('should answer a FAQ question with its answer, not by repeating the question', () => {
		const userWords = keywords('how long does the installation take');
		const matches = matchChunks(contentChunks(faqPrompt), userWords);
		const reply = groundedReply({
			userText: 'how long does the installation take',
			foldedUserText: 'how long does the installation take',
			userWords,
			language: 'en',
			matches,
			now: new Date(),
		});
		assert.equal(reply, 'Installation is usually done within 5 business days.');
	});

	it('should not carry an answer over to the next entry', () => {
		const chunks = contentChunks(faqPrompt);
		const second = chunks.find((c) => c.id === 'faq:2' && c.text.includes('Q:'));
		assert.equal(second?.answer, 'No, all plans are month to month.');
	});
});
