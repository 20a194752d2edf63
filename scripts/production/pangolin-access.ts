// What Pangolin does with a request to a blueprint resource, as reference/pangolin.md §1.3 describes
// its badger verifySession: rules first by ascending priority (allow = no auth, deny = dropped,
// pass = go on to auth); then auth if the resource has any method; otherwise the request is let in.
// The tests use it to prove that only webhook paths get past SSO.
import { z } from 'zod/v4';

const ruleSchema = z.looseObject({
	action: z.enum(['allow', 'deny', 'pass']),
	match: z.enum(['path', 'ip', 'cidr', 'country', 'country_is_not', 'asn', 'region']),
	value: z.string(),
	priority: z.number().int().optional(),
});

const targetSchema = z.looseObject({
	hostname: z.string(),
	port: z.number().int(),
	method: z.enum(['http', 'https', 'h2c']),
	healthcheck: z
		.looseObject({ hostname: z.string(), port: z.number().int(), path: z.string() })
		.optional(),
});

const resourceSchema = z.looseObject({
	name: z.string(),
	mode: z.string(),
	'full-domain': z.string().optional(),
	auth: z
		.looseObject({
			'sso-enabled': z.boolean().optional(),
			'sso-roles': z.array(z.string()).optional(),
			'sso-users': z.array(z.string()).optional(),
			'whitelist-users': z.array(z.string()).optional(),
			pincode: z.union([z.string(), z.number()]).optional(),
			password: z.string().optional(),
			'basic-auth': z.unknown().optional(),
		})
		.optional(),
	rules: z.array(ruleSchema).optional(),
	targets: z.array(targetSchema),
});

export const blueprintSchema = z.looseObject({
	'public-resources': z.record(z.string(), resourceSchema),
});
export type Blueprint = z.output<typeof blueprintSchema>;
export type BlueprintResource = z.output<typeof resourceSchema>;
export type BlueprintRule = z.output<typeof ruleSchema>;

/** Blueprint rules default to priority 100 when none is given. */
const DEFAULT_PRIORITY = 100;

function segments(path: string): string[] {
	return path.split('/').filter(Boolean);
}

function segmentMatches(pattern: string, segment: string): boolean {
	if (!pattern.includes('*')) return pattern === segment;
	const source = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('[^/]*');
	return new RegExp(`^${source}$`).test(segment);
}

function matchFrom(pattern: string[], path: string[]): boolean {
	const [head, ...rest] = pattern;
	if (head === undefined) return path.length === 0;
	// A segment that is only `*` matches zero or more whole segments.
	if (head === '*')
		return path.some((_, i) => matchFrom(rest, path.slice(i))) || matchFrom(rest, []);
	return path.length > 0 && segmentMatches(head, path[0]!) && matchFrom(rest, path.slice(1));
}

/** Pangolin's per-segment path match: `/api/*` matches `/api/x/y`, `/foo/*` matches `/foo`. */
export function pathMatches(pattern: string, requestPath: string): boolean {
	const path = decodeURIComponent(requestPath.split('?')[0]!);
	const resolved: string[] = [];
	for (const segment of segments(path)) {
		if (segment === '..') resolved.pop();
		else if (segment !== '.') resolved.push(segment);
	}
	return matchFrom(segments(pattern), resolved);
}

export function hasAuthMethod(resource: BlueprintResource): boolean {
	const auth = resource.auth;
	return Boolean(
		auth &&
		(auth['sso-enabled'] ||
			auth.pincode !== undefined ||
			auth.password ||
			auth['basic-auth'] ||
			auth['whitelist-users']?.length),
	);
}

export type AccessOutcome =
	| { outcome: 'allow'; rule: BlueprintRule }
	| { outcome: 'deny'; rule: BlueprintRule }
	| { outcome: 'auth' }
	| { outcome: 'public' };

/** What happens to an anonymous request for this path (only path rules can match one). */
export function evaluateAccess(resource: BlueprintResource, path: string): AccessOutcome {
	const rules = [...(resource.rules ?? [])].sort(
		(a, b) => (a.priority ?? DEFAULT_PRIORITY) - (b.priority ?? DEFAULT_PRIORITY),
	);
	for (const rule of rules) {
		if (rule.match !== 'path' || !pathMatches(rule.value, path)) continue;
		if (rule.action === 'allow') return { outcome: 'allow', rule };
		if (rule.action === 'deny') return { outcome: 'deny', rule };
		break;
	}
	return hasAuthMethod(resource) ? { outcome: 'auth' } : { outcome: 'public' };
}
