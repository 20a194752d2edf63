import { z } from 'zod/v4';

// What POST /__sim/faults accepts. A fault matches by method and path (exact, or a prefix ending in '*')
// and then answers instead of the real handler, delays it, or drops the connection. With `after`,
// the real handler runs and only its answer is held back `delayMs`: the write is done but the
// client has not heard, the moment to crash it in a test of idempotency.
export const faultSchema = z
	.object({
		method: z.string().toUpperCase().default('*'),
		path: z.string().startsWith('/', 'path must start with "/"'),
		status: z.number().int().min(100).max(599).optional(),
		body: z.unknown().optional(),
		headers: z.record(z.string(), z.string()).default({}),
		delayMs: z.number().int().min(0).max(120_000).optional(),
		drop: z.boolean().default(false),
		after: z.boolean().default(false),
		/** Let this many matching requests through untouched first, e.g. to hit only the second. */
		skip: z.number().int().min(0).default(0),
		times: z.number().int().positive().optional(),
		probability: z.number().min(0).max(1).default(1),
	})
	.refine((f) => f.drop || f.status !== undefined || f.delayMs !== undefined, {
		message: 'a fault needs one of: status, delayMs, drop',
	})
	.refine((f) => !f.after || (f.delayMs !== undefined && f.status === undefined && !f.drop), {
		message: 'a fault with after holds the real answer back: give delayMs, not status or drop',
	});
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & {
	id: number;
	remaining: number | undefined;
	/** Matching requests still to let through (from `skip`). */
	toSkip: number;
};

export class FaultTable {
	private faults: Fault[] = [];
	private nextId = 1;
	private readonly random: () => number;

	constructor(random: () => number = Math.random) {
		this.random = random;
	}

	add(input: z.output<typeof faultSchema>): Fault {
		const fault = { ...input, id: this.nextId++, remaining: input.times, toSkip: input.skip };
		this.faults.push(fault);
		return fault;
	}

	list(): readonly Fault[] {
		return this.faults;
	}

	clear(): void {
		this.faults = [];
	}

	/** The fault to apply to this request, if any; counts it against `times`. */
	take(method: string, path: string): Fault | undefined {
		// Each matching fault rolls its own probability, so a miss does not hide a later one; a
		// fault still skipping lets the request through to the next.
		const fault = this.faults.find((f) => {
			if (!matches(f, method, path)) return false;
			if (f.toSkip > 0) {
				f.toSkip -= 1;
				return false;
			}
			return f.probability >= 1 || this.random() < f.probability;
		});
		if (!fault) return undefined;
		if (fault.remaining !== undefined) {
			fault.remaining -= 1;
			if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
		}
		return fault;
	}
}

function matches(fault: Fault, method: string, path: string): boolean {
	if (fault.method !== '*' && fault.method !== method.toUpperCase()) return false;
	return fault.path.endsWith('*') ? path.startsWith(fault.path.slice(0, -1)) : fault.path === path;
}
