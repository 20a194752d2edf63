// Chatwoot's real error bodies (§3.1), not swagger's bad_request_error: `{error}` from the access
// helpers and rescue handlers, `{message, attributes}` from model validation, `{errors:[…]}` from devise.
import type { NextFunction, Request, Response } from 'express';

export class ChatwootHttpError extends Error {
	readonly status: number;
	readonly body: unknown;

	constructor(status: number, body: unknown) {
		super(`chatwoot simulator: ${status} ${JSON.stringify(body)}`);
		this.name = 'ChatwootHttpError';
		this.status = status;
		this.body = body;
	}
}

export const httpErrors = {
	notSignedIn: () =>
		new ChatwootHttpError(401, {
			errors: ['You need to sign in or sign up before continuing.'],
		}),
	invalidToken: () => new ChatwootHttpError(401, { error: 'Invalid Access Token' }),
	botNotAllowed: () =>
		new ChatwootHttpError(401, { error: 'Access to this endpoint is not authorized for bots' }),
	userNotInAccount: () =>
		new ChatwootHttpError(401, { error: 'You are not authorized to access this account' }),
	botNotInAccount: () =>
		new ChatwootHttpError(401, { error: 'Bot is not authorized to access this account' }),
	/** Pundit denials answer 401, not 403. */
	policyDenied: () =>
		new ChatwootHttpError(401, { error: 'You are not authorized to do this action' }),
	notFound: () => new ChatwootHttpError(404, { error: 'Resource could not be found' }),
	/** ActiveRecord::RecordInvalid: full messages joined with ", ". */
	invalidRecord: (errors: { attribute: string; message: string }[]) =>
		new ChatwootHttpError(422, {
			message: errors.map((e) => e.message).join(', '),
			attributes: [...new Set(errors.map((e) => e.attribute))],
		}),
	paramMissing: (param: string) =>
		new ChatwootHttpError(422, { error: `param is missing or the value is empty: ${param}` }),
	/** Controllers that rescue any exception and render its message (messages#create…). */
	unprocessable: (message: string) => new ChatwootHttpError(422, { error: message }),
};

/** Rails in production: JSON errors from our handlers, a bare 500 for anything unexpected. */
export function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
	if (err instanceof ChatwootHttpError) {
		if (err.body === null) res.status(err.status).end();
		else res.status(err.status).json(err.body);
		return;
	}
	// Broken JSON bodies belong to the shared sim-app handler.
	if (err && typeof err === 'object' && 'type' in err && err.type === 'entity.parse.failed') {
		next(err);
		return;
	}
	console.error('chatwoot simulator: unexpected error', err);
	res.status(500).json({ status: 500, error: 'Internal Server Error' });
}

/** An unknown route: Rails answers its public 404 page. */
export function routeNotFound(_req: Request, res: Response): void {
	res
		.status(404)
		.type('html')
		.send(
			"<!DOCTYPE html><html><body><h1>The page you were looking for doesn't exist.</h1></body></html>",
		);
}
