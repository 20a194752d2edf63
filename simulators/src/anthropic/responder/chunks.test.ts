import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentChunks, matchChunks, matchRecords } from './chunks.ts';
import { gatherFacts, relevantIds } from './facts.ts';
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

	it('should answer with the records a question in another language asks about, not a passing word', () => {
		const prompt = [
			'[faq:1] (en) Q: What are your opening hours?',
			'A: We are open Monday to Friday 9:00-18:00. Write to us any time; we reply as soon as we open.',
			'',
			'[faq:2] (es) Q: ¿Cuál es su horario de atención?',
			'A: Atendemos de lunes a viernes de 9:00 a 18:00. Puede escribirnos; respondemos en cuanto abrimos.',
			'',
			'[faq:3] (es) Q: ¿Cuánto tarda la instalación?',
			'A: La instalación suele hacerse dentro de los 5 días hábiles.',
			'## Plans',
			'[plan:1] Fibre 300',
			'Price: 39.99 USD',
			'300 Mbps download and upload. Wi-Fi 6 router included.',
			'',
			'[plan:2] Fibre 500',
			'Price: 49.99 USD',
			'500 Mbps download and upload.',
		].join('\n');
		const question = 'Hola, ¿cuánto cuesta el plan de 300 megas y cuándo pueden instalarlo?';
		const facts = gatherFacts({ userText: question, systemText: prompt }, new Date());
		assert.deepEqual(relevantIds(facts).sort(), ['faq:3', 'plan:1']);
		const reply = groundedReply(facts);
		assert.match(reply, /39\.99 USD/);
		assert.match(reply, /5 días hábiles/);
		assert.doesNotMatch(reply, /Atendemos/);
		assert.equal(
			matchRecords(contentChunks(prompt), ['horario'], 'es')[0]?.id,
			'faq:2',
			"a record in the customer's language first",
		);
	});
});
