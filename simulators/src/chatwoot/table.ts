/** An in-memory table with Postgres-like sequential ids. */
export class Table<T extends { id: number }> {
	private rows = new Map<number, T>();
	private nextId = 1;

	/** Inserts with the next id, or with the id given (seeded rows); the sequence moves past it. */
	insert(row: Omit<T, 'id'> & { id?: number }): T {
		const id = row.id ?? this.nextId;
		const stored = { ...row, id } as T;
		this.rows.set(id, stored);
		this.nextId = Math.max(this.nextId, id + 1);
		return stored;
	}

	get(id: number): T | undefined {
		return this.rows.get(id);
	}

	find(predicate: (row: T) => boolean): T | undefined {
		for (const row of this.rows.values()) if (predicate(row)) return row;
		return undefined;
	}

	filter(predicate: (row: T) => boolean): T[] {
		return [...this.rows.values()].filter(predicate);
	}

	all(): T[] {
		return [...this.rows.values()];
	}

	delete(id: number): boolean {
		return this.rows.delete(id);
	}

	clear(): void {
		this.rows.clear();
		this.nextId = 1;
	}

	/** The next id given out is above `id`. */
	numberAfter(id: number): void {
		this.nextId = Math.max(this.nextId, id + 1);
	}
}
