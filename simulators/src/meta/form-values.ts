import { z } from 'zod/v4';

/** Booleans as forms and query strings send them ("true"/"false"), or as JSON booleans. */
export const formBoolean = z.preprocess((v) => {
	if (v === 'true' || v === '1') return true;
	if (v === 'false' || v === '0') return false;
	return v;
}, z.boolean());

/** A list as "a,b,c" (query/form) or as a JSON array. */
export const formList = z.preprocess(
	(v) =>
		typeof v === 'string'
			? v
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean)
			: v,
	z.array(z.string()),
);
