import { z } from 'zod/v4';

// What POST /__sim/faults accepts. A fault matches by method and path (exact, or a prefix ending in '*')
// and then answers instead of the real handler, delays it, or drops the connection.
export const faultSchema = z
	.object({
		method: z.string().toUpperCase().default('*'),
		path: z.string().startsWith('/', 'path must start with "/"'),
		status: z.number().int().min(100).max(599).optional(),
		body: z.unknown().optional(),
		headers: z.record(z.string(), z.string()).default({}),
		delayMs: z.number().int().min(0).max(120_000).optional(),
		drop: z.boolean().default(false),
		times: z.number().int().positive().optional(),
		probability: z.number().min(0).max(1).default(1),
	})
	.refine((f) => f.drop || f.status !== undefined || f.delayMs !== undefined, {
		message: 'a fault needs one of: status, delayMs, drop',
	});
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: number; remaining: number | undefined };

export class FaultTable {
	private faults: Fault[] = [];
	private nextId = 1;
	private readonly random: () => number;

	constructor(random: () => number = Math.random) {
		this.random = random;
	}

	add(input: z.output<typeof faultSchema>): Fault {
		const fault = { ...input, id: this.nextId++, remaining: input.times };
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
		// Each matching fault rolls its own probability, so a miss does not hide a later one.
		const fault = this.faults.find(
			(f) => matches(f, method, path) && (f.probability >= 1 || this.random() < f.probability),
		);
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
