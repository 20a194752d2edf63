import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod/v4';
import { FaultTable, faultSchema } from './faults.ts';
import { RequestLog, type LoggedRequest } from './request-log.ts';

// The exact bytes received, by request: signatures cover these, not a re-serialisation. Kept
// beside the request rather than on it, because n8n-workflow's types declare their own
// IncomingMessage.rawBody globally and the two declarations would clash.
const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/** The request's body as received; empty when it had none. */
export function rawBodyOf(req: IncomingMessage): Buffer {
	return rawBodies.get(req) ?? Buffer.alloc(0);
}

export interface SimContext {
	log: RequestLog;
	faults: FaultTable;
}

export interface SimOptions {
	name: string;
	/** Mounts the simulated API's routes on the app. */
	routes: (app: Express, ctx: SimContext) => void;
	/** Clears the simulator's own state on POST /__sim/reset. */
	reset?: () => void;
	/** Extra admin routes under /__sim/ (e.g. incoming customer messages, scripted answers). */
	admin?: (router: express.Router, ctx: SimContext) => void;
	/** Largest body accepted, as express's limit string. */
	bodyLimit?: string;
	random?: () => number;
}

/**
 * The express app every simulator shares: raw-body capture, the request log, fault injection, and the
 * admin API under /__sim/ (a prefix no real Chatwoot, Graph or Anthropic path uses).
 */
export function createSimApp(options: SimOptions): { app: Express; ctx: SimContext } {
	const ctx: SimContext = { log: new RequestLog(), faults: new FaultTable(options.random) };
	const app = express();
	app.disable('x-powered-by');
	app.set('query parser', 'extended');
	const keepRaw = (req: IncomingMessage, _res: ServerResponse, buf: Buffer) => {
		rawBodies.set(req, buf);
	};
	const limit = options.bodyLimit ?? '10mb';
	app.use(
		express.json({ limit, verify: keepRaw, type: ['application/json', 'application/*+json'] }),
	);
	app.use(express.urlencoded({ limit, extended: true, verify: keepRaw }));
	app.use(express.text({ limit, verify: keepRaw, type: 'text/*' }));

	const admin = express.Router();
	admin.get('/requests', (req, res) => {
		const query = z
			.object({ method: z.string().optional(), path: z.string().optional() })
			.safeParse(req.query);
		if (!query.success) {
			res.status(400).json({ error: z.prettifyError(query.error) });
			return;
		}
		res.json(ctx.log.list(query.data));
	});
	admin.post('/reset', (_req, res) => {
		ctx.log.clear();
		ctx.faults.clear();
		options.reset?.();
		res.json({ ok: true });
	});
	admin.get('/faults', (_req, res) => {
		res.json(ctx.faults.list());
	});
	admin.post('/faults', (req, res) => {
		const parsed = faultSchema.safeParse(req.body);
		if (!parsed.success) {
			res.status(400).json({ error: z.prettifyError(parsed.error) });
			return;
		}
		res.status(201).json(ctx.faults.add(parsed.data));
	});
	admin.delete('/faults', (_req, res) => {
		ctx.faults.clear();
		res.json({ ok: true });
	});
	options.admin?.(admin, ctx);
	app.use('/__sim', admin);

	// Everything below is the simulated API: logged, and subject to faults.
	app.use(recordRequest(ctx.log));
	app.use(applyFaults(ctx.faults));
	options.routes(app, ctx);
	app.use(malformedBody);
	return { app, ctx };
}

function recordRequest(log: RequestLog) {
	return (req: Request, res: Response, next: NextFunction) => {
		const entry = log.record({
			method: req.method,
			path: req.path,
			query: req.query as Record<string, unknown>,
			headers: req.headers,
			body: req.body,
			rawBody: rawBodyOf(req).toString('utf8'),
			time: new Date().toISOString(),
		});
		res.on('finish', () => {
			entry.status = res.statusCode;
		});
		loggedEntries.set(req, entry);
		next();
	};
}

function applyFaults(faults: FaultTable) {
	return async (req: Request, res: Response, next: NextFunction) => {
		const fault = faults.take(req.method, req.path);
		if (!fault) return next();
		if (fault.after) return holdAnswer(req, res, next, fault.delayMs ?? 0);
		if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault.drop) {
			req.socket.destroy();
			return;
		}
		if (fault.status === undefined) return next();
		res.status(fault.status).set(fault.headers);
		if (fault.body === undefined) res.end();
		else if (typeof fault.body === 'string') res.send(fault.body);
		else res.json(fault.body);
	};
}

const loggedEntries = new WeakMap<IncomingMessage, LoggedRequest>();

/** Lets the real handler run, then holds its answer back; the log entry says when it is held. */
function holdAnswer(req: Request, res: Response, next: NextFunction, delayMs: number) {
	const end = res.end.bind(res) as (...args: unknown[]) => Response;
	res.end = ((...args: unknown[]) => {
		const entry = loggedEntries.get(req);
		if (entry) entry.held = true;
		const timer = setTimeout(() => end(...args), delayMs);
		// The client gave up (or was killed, as a test means it to be): nothing left to answer.
		req.socket.once('close', () => clearTimeout(timer));
		return res;
	}) as Response['end'];
	next();
}

// express's body parsers throw on broken or oversized bodies; answer JSON instead of its HTML page.
function malformedBody(err: unknown, _req: Request, res: Response, next: NextFunction) {
	const type = err && typeof err === 'object' && 'type' in err ? err.type : undefined;
	if (type === 'entity.parse.failed') {
		res.status(400).json({ error: 'the request body is not valid JSON' });
	} else if (type === 'entity.too.large') {
		res.status(413).json({ error: 'the request body is too large' });
	} else if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
		res.status(415).json({ error: 'the request body has an unsupported charset or encoding' });
	} else {
		next(err);
	}
}
