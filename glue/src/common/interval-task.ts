// A background loop of the gateway: run a task now and then every `intervalMs`, never two runs at
// once, a failed run logged and retried by the next. stop() waits for the run in flight.
export interface IntervalTaskOptions {
	/** 0 (or less) turns the loop off; a caller may still run the task itself. */
	intervalMs: number;
	/** Told about a run that threw; the next run is the retry. */
	onError: (error: unknown) => void;
}

export class IntervalTask {
	private readonly task: () => Promise<unknown>;
	private readonly options: IntervalTaskOptions;
	private timer: NodeJS.Timeout | undefined;
	private current: Promise<unknown> | undefined;

	constructor(task: () => Promise<unknown>, options: IntervalTaskOptions) {
		this.task = task;
		this.options = options;
	}

	start(): void {
		if (this.timer || this.options.intervalMs <= 0) return;
		this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
		this.timer.unref();
		void this.tick();
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		this.timer = undefined;
		await this.current?.catch(() => undefined);
	}

	private async tick(): Promise<void> {
		if (this.current) return;
		const run = this.task();
		this.current = run;
		try {
			await run;
		} catch (error) {
			this.options.onError(error);
		} finally {
			this.current = undefined;
		}
	}
}
