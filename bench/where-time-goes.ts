// npm run bench:breakdown: where a customer message's time goes through workflow 01, on the real
// processes (queue mode, one worker, production gateway settings) with the instant Anthropic
// simulator. Single messages on an idle pipeline (latency from the end of the debounce), then a
// burst (messages/s), each with the stages, the CPU each process spent per message and the time of
// each node. Markdown on stdout; JSON and markdown in bench/results/<time>-breakdown.*.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gatewayEnvSchema } from '@switchboard/glue/gateway';
import { startE2eStack, type E2eStack } from '../test/e2e/stack.ts';
import { breakdownMarkdown } from './lib/breakdown.ts';
import { measureEndToEnd, measureSingleMessages, warmEndToEnd } from './lib/end-to-end.ts';
import { loadAverage } from './lib/proc-stats.ts';

const quick = process.argv.includes('--quick');
const SETTINGS = {
	singleMessages: quick ? 3 : 10,
	burstMessages: quick ? 10 : 30,
	timeoutMs: 120_000,
	// Production's: the bench runs the gateway on its defaults.
	debounceMs: gatewayEnvSchema.shape.GATEWAY_DEBOUNCE_MS.parse(undefined),
};
const say = (line: string) => process.stderr.write(`bench: ${line}\n`);
const f0 = (value: number | null) =>
	value === null || !Number.isFinite(value) ? '–' : value.toFixed(0);

async function main(): Promise<void> {
	const startedAt = new Date();
	const loadBefore = loadAverage();
	let e2e: E2eStack | undefined;
	try {
		e2e = await startE2eStack({
			workflows: [
				'01-inbound-message-triage.json',
				'03-whatsapp-lead-capture.json',
				'06-appointment-booking.json',
			],
			gatewayEnv: {},
		});
		say(
			`warm-up answered in ${((await warmEndToEnd(e2e, SETTINGS.timeoutMs)) / 1000).toFixed(1)} s`,
		);
		const single = await measureSingleMessages(e2e, {
			messages: SETTINGS.singleMessages,
			timeoutMs: SETTINGS.timeoutMs,
			debounceMs: SETTINGS.debounceMs,
		});
		say(
			`single: ${single.replied}/${single.messages}, after the debounce p50 ${f0(single.afterDebounce.p50)} ms, ` +
				`p99 ${f0(single.afterDebounce.p99)} ms`,
		);
		const burst = await measureEndToEnd(e2e, {
			messages: SETTINGS.burstMessages,
			timeoutMs: SETTINGS.timeoutMs,
			breakdown: { debounceMs: SETTINGS.debounceMs },
		});
		say(`burst: ${burst.replied}/${burst.messages}, ${burst.messagesPerSecond.toFixed(2)} msgs/s`);
		const results = {
			startedAt: startedAt.toISOString(),
			machine: { cpus: cpus().length, node: process.version, n8n: e2e.stack.n8n.version },
			load: { before: loadBefore, after: loadAverage() },
			settings: { ...SETTINGS, quick, topology: 'n8n queue mode, 1 worker, external runner' },
			single,
			burst,
		};
		const markdown = [
			`# Where a message's time goes, ${results.startedAt} (${results.machine.cpus} cores)`,
			'',
			`Load average ${loadBefore} before, ${results.load.after} after (the machine is shared).`,
			'',
			`Single messages: ${single.replied}/${single.messages} replied; from the end of the debounce ` +
				`to the reply p50 ${f0(single.afterDebounce.p50)} ms, p99 ${f0(single.afterDebounce.p99)} ms.`,
			'',
			`Burst of ${burst.messages}: ${burst.replied} replied, ${burst.messagesPerSecond.toFixed(2)} msgs/s ` +
				`from the first send to the last reply (${burst.replyPacePerSecond.toFixed(2)}/s between ` +
				`first and last reply); reply latency p50 ${f0(burst.replyLatency.p50)} ms, ` +
				`p99 ${f0(burst.replyLatency.p99)} ms.`,
			'',
			...breakdownMarkdown('Single messages', single.breakdown),
			'',
			...(burst.breakdown ? breakdownMarkdown('Burst', burst.breakdown) : []),
		].join('\n');
		const dir = join(import.meta.dirname, 'results');
		mkdirSync(dir, { recursive: true });
		const base = join(
			dir,
			`${startedAt.toISOString().replace(/[:.]/g, '-')}-breakdown${quick ? '-quick' : ''}`,
		);
		writeFileSync(`${base}.json`, `${JSON.stringify(results, null, '\t')}\n`);
		writeFileSync(`${base}.md`, `${markdown}\n`);
		process.stdout.write(`${markdown}\n`);
		say(`results in ${base}.json and .md`);
	} finally {
		await e2e?.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
