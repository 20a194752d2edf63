export interface LoggedRequest {
	id: number;
	method: string;
	path: string;
	query: Record<string, unknown>;
	headers: Record<string, string | string[] | undefined>;
	/** The parsed body (JSON or form), or the raw text when it was neither. */
	body: unknown;
	rawBody: string;
	time: string;
	/** The status answered; null while the request is still open or when the connection was dropped. */
	status: number | null;
	/** True once the handler answered and an `after` fault holds that answer back. */
	held?: boolean;
}

/** A long sandbox session must not grow without bound: the oldest requests are forgotten first. */
export const REQUEST_LOG_LIMIT = 5000;

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private nextId = 1;
	private readonly limit: number;

	constructor(limit = REQUEST_LOG_LIMIT) {
		this.limit = limit;
	}

	record(entry: Omit<LoggedRequest, 'id' | 'status'>): LoggedRequest {
		const logged = { ...entry, id: this.nextId++, status: null };
		this.entries.push(logged);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		return logged;
	}

	list(filter: { method?: string; path?: string } = {}): LoggedRequest[] {
		return this.entries.filter(
			(e) =>
				(!filter.method || e.method === filter.method.toUpperCase()) &&
				(!filter.path ||
					(filter.path.endsWith('*')
						? e.path.startsWith(filter.path.slice(0, -1))
						: e.path === filter.path)),
		);
	}

	clear(): void {
		this.entries = [];
	}
}
