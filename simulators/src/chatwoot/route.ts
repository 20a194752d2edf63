import type { SimDeps } from './deps.ts';
import type { TokenOwner } from './state.ts';
import type { Account, JsonObject } from './types.ts';

export type Caller = TokenOwner;

/** What a handler gets once auth, account checks and validation have passed. */
export interface RouteInput {
	params: Record<string, string>;
	query: Record<string, unknown>;
	body: JsonObject;
	caller: Caller;
	account: Account;
}

/** `body: undefined` answers an empty 200, like `head :ok`; `null` answers the JSON `null`. */
export interface RouteResult {
	status?: number;
	body?: unknown;
}

export type Handler = (input: RouteInput, deps: SimDeps) => RouteResult;

export interface RouteDef {
	method: 'get' | 'post' | 'patch' | 'put' | 'delete';
	/** Express path under /api/v1/accounts/:account_id, with swagger's parameter names. */
	path: string;
	handler: Handler;
	/** On AccessTokenAuthHelper::BOT_ACCESSIBLE_ENDPOINTS. */
	bot?: boolean;
	/** Pundit policy allows administrators only. */
	admin?: boolean;
	/** wrap_parameters: `{name}` and `{team: {name}}` are the same request. */
	wrap?: string;
}

export const ACCOUNT_PREFIX = '/api/v1/accounts/:account_id';

export function isAdmin(caller: Caller): boolean {
	return caller.kind === 'user' && caller.user.role === 'administrator';
}

export function callerUserId(caller: Caller): number | null {
	return caller.kind === 'user' ? caller.user.id : null;
}

export function intParam(value: string | undefined): number {
	return value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
}
