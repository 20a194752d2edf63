import type { Router } from 'express';
import type { AnthropicState } from '../state/index.ts';
import { parseScript } from '../state/script.ts';

/**
 * Admin routes for scripted answers: POST /__sim/script queues one answer or an array of them,
 * GET lists what is still queued, DELETE empties the queue.
 */
export function mountScriptRoutes(router: Router, state: AnthropicState): void {
	router.post('/script', (req, res) => {
		const parsed = parseScript(req.body);
		if (!parsed.ok) {
			res.status(400).json({ error: parsed.message });
			return;
		}
		res.status(201).json({ queued: state.script.push(parsed.answers) });
	});
	router.get('/script', (_req, res) => {
		res.json(state.script.list());
	});
	router.delete('/script', (_req, res) => {
		state.script.clear();
		res.json({ ok: true });
	});
}
