import { createResponder, type Responder } from '../responder/index.ts';
import { findModel, type ModelSpec } from '../models.ts';
import type { AnthropicSimulatorOptions } from '../options.ts';
import { BatchStore } from './batches.ts';
import { PromptCache } from './prompt-cache.ts';
import { DEFAULT_RATE_LIMITS, RateLimiter } from './rate-limiter.ts';
import { ScriptQueue } from './script.ts';

/** Everything the simulator remembers between requests; `reset` empties it. */
export class AnthropicState {
	readonly script = new ScriptQueue();
	readonly cache = new PromptCache();
	readonly batches = new BatchStore();
	readonly limiter: RateLimiter;
	readonly responder: Responder;
	readonly apiKeys: ReadonlySet<string> | undefined;
	readonly batchProcessingMs: number;
	readonly now: () => Date;
	private readonly extraModels: ReadonlySet<string>;

	constructor(options: AnthropicSimulatorOptions = {}) {
		this.now = options.now ?? (() => new Date());
		this.limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
		this.responder = createResponder(this.now);
		this.apiKeys = options.apiKeys ? new Set(options.apiKeys) : undefined;
		this.batchProcessingMs = options.batchProcessingMs ?? 0;
		this.extraModels = new Set(options.extraModels ?? []);
	}

	model(id: string): ModelSpec | undefined {
		return findModel(id, this.extraModels);
	}

	reset(): void {
		this.script.clear();
		this.cache.clear();
		this.batches.clear();
		this.limiter.reset();
	}
}
