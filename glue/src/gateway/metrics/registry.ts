// A small Prometheus registry: counters with labels and one kind of histogram, rendered in the text
// exposition format 0.0.4. Hand-written because the gateway needs a dozen series, not a dependency.

type Labels = Record<string, string>;

interface Metric {
	render(): string[];
}

/** Label values are escaped as the format requires: backslash, double quote, newline. */
function labelText(labels: Labels): string {
	const pairs = Object.entries(labels).map(
		([name, value]) =>
			`${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
	);
	return pairs.length ? `{${pairs.join(',')}}` : '';
}

function header(name: string, help: string, type: string): string[] {
	return [
		`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`,
		`# TYPE ${name} ${type}`,
	];
}

/** Values by label set, rendered one line each: what a counter and a gauge have in common. */
abstract class LabelledSeries<L extends string> {
	readonly name: string;
	private readonly help: string;
	private readonly type: 'counter' | 'gauge';
	protected readonly values = new Map<string, { labels: Labels; value: number }>();

	/** `initial` lists label sets shown as 0 before they happen, so dashboards see the series. */
	constructor(name: string, help: string, type: 'counter' | 'gauge', initial: Record<L, string>[]) {
		this.name = name;
		this.help = help;
		this.type = type;
		if (initial.length === 0) this.entry({});
		for (const labels of initial) this.entry(labels);
	}

	/** The current value, for tests and readiness details. */
	get(labels: Partial<Record<L, string>> = {}): number {
		return this.values.get(labelText(labels as Labels))?.value ?? 0;
	}

	render(): string[] {
		const lines = header(this.name, this.help, this.type);
		for (const { labels, value } of this.values.values()) {
			lines.push(`${this.name}${labelText(labels)} ${value}`);
		}
		return lines;
	}

	protected entry(labels: Labels): { labels: Labels; value: number } {
		const key = labelText(labels);
		let entry = this.values.get(key);
		if (!entry) {
			entry = { labels, value: 0 };
			this.values.set(key, entry);
		}
		return entry;
	}
}

export class Counter<L extends string = never> extends LabelledSeries<L> {
	constructor(name: string, help: string, initial: Record<L, string>[] = []) {
		super(name, help, 'counter', initial);
	}

	inc(labels?: Record<L, string>, value = 1): void {
		if (!(value >= 0)) throw new RangeError(`metrics: ${this.name} can only go up`);
		this.entry(labels ?? {}).value += value;
	}
}

/**
 * A value read at scrape time (a Registry collector sets it). Initial label sets show as 0, and
 * `reset` puts every set back to 0 before a collection, so a label set that no longer occurs reads 0.
 */
export class Gauge<L extends string = never> extends LabelledSeries<L> {
	constructor(name: string, help: string, initial: Record<L, string>[] = []) {
		super(name, help, 'gauge', initial);
	}

	set(labels: Record<L, string>, value: number): void {
		this.entry(labels).value = value;
	}

	reset(): void {
		for (const entry of this.values.values()) entry.value = 0;
	}
}

export class Histogram {
	readonly name: string;
	private readonly help: string;
	private readonly buckets: number[];
	private readonly counts: number[];
	private sum = 0;
	private count = 0;

	constructor(name: string, help: string, buckets: number[]) {
		this.name = name;
		this.help = help;
		this.buckets = [...buckets].sort((a, b) => a - b);
		this.counts = this.buckets.map(() => 0);
	}

	observe(value: number): void {
		this.sum += value;
		this.count += 1;
		this.buckets.forEach((bound, i) => {
			if (value <= bound) this.counts[i] = (this.counts[i] ?? 0) + 1;
		});
	}

	/** Buckets are cumulative (each counts everything at or below its bound), as Prometheus expects. */
	render(): string[] {
		const lines = header(this.name, this.help, 'histogram');
		this.buckets.forEach((bound, i) => {
			lines.push(`${this.name}_bucket{le="${bound}"} ${this.counts[i] ?? 0}`);
		});
		lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
		lines.push(`${this.name}_sum ${this.sum}`);
		lines.push(`${this.name}_count ${this.count}`);
		return lines;
	}
}

export class Registry {
	static readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';
	private readonly metrics: Metric[] = [];
	private readonly collectors: (() => Promise<void>)[] = [];

	register<M extends Metric>(metric: M): M {
		this.metrics.push(metric);
		return metric;
	}

	/** Runs before each scrape to set gauges; it must not throw (report its failure as a gauge). */
	onCollect(collector: () => Promise<void>): void {
		this.collectors.push(collector);
	}

	async collect(): Promise<void> {
		await Promise.all(this.collectors.map((collector) => collector()));
	}

	render(): string {
		return `${this.metrics.flatMap((metric) => metric.render()).join('\n')}\n`;
	}
}
