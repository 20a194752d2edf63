// The endpoint's own failures, as Directus errors so its error handler answers with their status,
// code and message. Directus's own (ForbiddenError, InvalidQueryError) are used where they fit.
import { createError } from '@directus/errors';

export const TokenRequiredError = createError(
	'TOKEN_REQUIRED',
	'This endpoint needs a user: send "Authorization: Bearer <static token>".',
	401,
);

export const DepartmentNotFoundError = createError<{ department: string }>(
	'DEPARTMENT_NOT_FOUND',
	({ department }) =>
		`No department has the key "${department}". Departments are written from chatwoot/config by the configuration script.`,
	404,
);

export const ContentUnusableError = createError<{ reason: string }>(
	'CONTENT_UNUSABLE',
	({ reason }) => `The content in Directus cannot be given to the AI: ${reason}.`,
	500,
);
