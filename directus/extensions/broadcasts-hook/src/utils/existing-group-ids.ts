// A new broadcast's groups, as the create check needs them: ids of groups already saved.

/**
 * The recipient group ids of a new broadcast's M2M payload, in either form Directus accepts
 * (`[{ recipient_groups_id }]` or `{ create: [...] }`); null when one of them is a new group.
 */
export function existingGroupIds(groups: unknown): string[] | null {
	if (groups === undefined || groups === null) return [];
	const rows = Array.isArray(groups)
		? groups
		: typeof groups === 'object' && Array.isArray((groups as { create?: unknown }).create)
			? (groups as { create: unknown[] }).create
			: null;
	if (rows === null) return null;
	const ids: string[] = [];
	for (const row of rows) {
		const related =
			typeof row === 'object' && row !== null
				? (row as { recipient_groups_id?: unknown }).recipient_groups_id
				: row;
		const id =
			typeof related === 'object' && related !== null ? (related as { id?: unknown }).id : related;
		if (typeof id !== 'string' && typeof id !== 'number') return null;
		ids.push(String(id));
	}
	return ids;
}
