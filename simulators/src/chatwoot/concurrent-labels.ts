// A second writer of a conversation's labels at an exact moment, for testing read-modify-write
// clients: Chatwoot's labels endpoint replaces the whole list (chatwoot#15916), and the dashboard
// saves the list it loaded, so an agent's save can land between any two of a client's requests.
// POST /__sim/concurrent-labels {conversation_id, labels, after: 'read' | 'write'} arms one such
// save: when the next GET ('read') or POST ('write') of that conversation's labels has been served,
// and before its answer leaves, the labels become `labels`, with the conversation_updated it causes.
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod/v4';
import { setLabels } from './conversations.ts';
import type { SimDeps } from './deps.ts';

const armSchema = z.object({
	conversation_id: z.number().int().positive(),
	labels: z.array(z.string()),
	after: z.enum(['read', 'write']),
	account_id: z.number().int().positive().optional(),
});
type ArmedWrite = z.output<typeof armSchema>;

const LABELS_PATH = /^\/api\/v1\/accounts\/(\d+)\/conversations\/(\d+)\/labels\/?$/;

export class ConcurrentLabelWrites {
	private armed: ArmedWrite[] = [];
	private readonly deps: SimDeps;

	constructor(deps: SimDeps) {
		this.deps = deps;
	}

	clear(): void {
		this.armed = [];
	}

	mountAdmin(router: Router): void {
		router.get('/concurrent-labels', (_req, res) => {
			res.json(this.armed);
		});
		router.post('/concurrent-labels', (req, res) => {
			const parsed = armSchema.safeParse(req.body ?? {});
			if (!parsed.success) {
				res.status(400).json({ error: z.prettifyError(parsed.error) });
				return;
			}
			this.armed.push(parsed.data);
			res.status(201).json(parsed.data);
		});
	}

	/** Goes before the routes; takes an armed write when its request comes. */
	readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
		const match = LABELS_PATH.exec(req.path);
		const after = req.method === 'GET' ? 'read' : req.method === 'POST' ? 'write' : null;
		if (!match || !after) return next();
		const accountId = Number(match[1]);
		const conversationId = Number(match[2]);
		const write = this.armed.find(
			(w) =>
				w.conversation_id === conversationId &&
				w.after === after &&
				(w.account_id === undefined || w.account_id === accountId),
		);
		if (!write) return next();
		this.armed = this.armed.filter((w) => w !== write);
		// The handler has answered (its body is built) but nothing has left: the save lands exactly
		// between this request and the caller's next one.
		const end = res.end.bind(res) as (...args: unknown[]) => Response;
		res.end = ((...args: unknown[]) => {
			const conversation = this.deps.state.conversationByDisplayId(accountId, conversationId);
			if (res.statusCode < 300 && conversation) setLabels(this.deps, conversation, write.labels);
			return end(...args);
		}) as Response['end'];
		next();
	};
}
