import { GraphError } from './graph-error.ts';

// Each failure the simulator can answer, with the code, subcode and wording the reference gives
// (reference/meta.md §3.5, §3.6, §4.3, §5). Where the reference is silent the text follows what
// clients match on in the wild; the report lists those.

const GRAPH_DOCS =
	'Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api';
const wa = (details: string) => ({ messaging_product: 'whatsapp', details });
const oauthHeader = (reason: string) => ({
	'www-authenticate': `OAuth "Facebook Platform" "${reason}" "see the error body"`,
});

// --- tokens and objects -------------------------------------------------------------------------

export const missingToken = () =>
	new GraphError(
		400,
		{ message: 'An access token is required to request this resource.', code: 104 },
		oauthHeader('invalid_request'),
	);

export const invalidToken = () =>
	new GraphError(
		401,
		{ message: 'Invalid OAuth access token - Cannot parse access token', code: 190 },
		oauthHeader('invalid_token'),
	);

export const expiredToken = (expiredAt: number, now: number) =>
	new GraphError(
		401,
		{
			message:
				`Error validating access token: Session has expired on ${graphDate(expiredAt)}. ` +
				`The current time is ${graphDate(now)}.`,
			code: 190,
			error_subcode: 463,
		},
		oauthHeader('invalid_token'),
	);

export const permissionDenied = () =>
	new GraphError(403, { message: '(#200) Permissions error', code: 200 });

export const unknownObject = (method: string, id: string) =>
	new GraphError(400, {
		message:
			`Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be ` +
			`loaded due to missing permissions, or does not support this operation. ${GRAPH_DOCS}`,
		type: 'GraphMethodException',
		code: 100,
		error_subcode: 33,
	});

export const unknownPath = (components: string) =>
	new GraphError(400, { message: `Unknown path components: ${components}`, code: 2500 });

export const invalidParameter = (message: string) =>
	new GraphError(400, { message: `(#100) ${message}`, code: 100 });

// --- WhatsApp Cloud API -------------------------------------------------------------------------

export const waMissingParameter = (path: string) =>
	invalidParameter(`The parameter ${path} is required.`);

export const waInvalidParameter = (details: string) =>
	new GraphError(400, {
		message: '(#131009) Parameter value is not valid',
		code: 131009,
		error_data: wa(details),
	});

export const waRecipientIsSender = () =>
	new GraphError(400, {
		message: '(#131021) Recipient cannot be sender',
		code: 131021,
		error_data: wa('Sender and recipient phone number is the same.'),
	});

export const waThroughput = (status: number) =>
	new GraphError(status, {
		message: '(#130429) Rate limit hit',
		code: 130429,
		error_data: wa('Cloud API message throughput has been reached.'),
	});

export const waPairRate = (status: number) =>
	new GraphError(status, {
		message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
		code: 131056,
		error_subcode: 2494055,
		error_data: wa(
			'Message failed to send because there were too many messages sent from this phone number ' +
				'to the same phone number in a short period of time.',
		),
	});

export const waReengagement = () =>
	new GraphError(400, {
		message: '(#131047) Re-engagement message',
		code: 131047,
		error_data: wa(
			'Message failed to send because more than 24 hours have passed since the customer last ' +
				'replied to this number.',
		),
	});

// Per-recipient failures (reference §3.6): usually a `failed` status after a 200, sometimes the answer.
export const waMarketingCap = () =>
	new GraphError(400, {
		message: '(#131049) This message was not delivered to maintain healthy ecosystem engagement.',
		code: 131049,
		error_data: wa(
			'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
		),
	});

export const waStoppedMarketing = () =>
	new GraphError(400, {
		message:
			'(#131050) Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
		code: 131050,
		error_data: wa(
			'Unable to deliver the message because the recipient opted out of marketing messages.',
		),
	});

export const waUndeliverable = () =>
	new GraphError(400, {
		message: '(#131026) Message undeliverable',
		code: 131026,
		error_data: wa('Message Undeliverable.'),
	});

export const waSomethingWrong = () =>
	new GraphError(500, {
		message: '(#131000) Something went wrong',
		code: 131000,
		error_data: wa('Something went wrong.'),
	});

export const waServiceUnavailable = () =>
	new GraphError(503, {
		message: '(#2) Service temporarily unavailable',
		code: 2,
		is_transient: true,
	});

export const waTemplateMissing = (name: string, language: string) =>
	new GraphError(404, {
		message: '(#132001) Template name does not exist in the translation',
		code: 132001,
		error_data: wa(`template name (${name}) does not exist in ${language}`),
	});

/** `component` names where the count is off: `body`, `header` or `button at index 1 (URL)`. */
export const waTemplateParams = (got: number, expected: number, component = 'body') =>
	new GraphError(400, {
		message: '(#132000) Number of parameters does not match the expected number of params',
		code: 132000,
		error_data: wa(
			`${component}: number of localizable_params (${got}) does not match the expected number of params (${expected})`,
		),
	});

/** A named-parameter template sent without (or with other) parameter names. */
export const waTemplateParamNames = (details: string) =>
	new GraphError(400, {
		message: '(#132000) Number of parameters does not match the expected number of params',
		code: 132000,
		error_data: wa(details),
	});

export const waTemplateUnavailable = (status: 'PAUSED' | 'DISABLED' | 'PENDING' | 'REJECTED') =>
	status === 'PAUSED'
		? new GraphError(400, {
				message: '(#132015) Template is paused',
				code: 132015,
				error_data: wa(
					'Template is paused due to low quality so it cannot be sent in a template message.',
				),
			})
		: new GraphError(400, {
				message: '(#132016) Template is disabled',
				code: 132016,
				error_data: wa(
					`Template is ${status.toLowerCase()} so it cannot be sent in a template message.`,
				),
			});

// --- Messenger and Instagram messaging ----------------------------------------------------------

export const messengerOutsideWindow = (platform: 'messenger' | 'instagram') =>
	new GraphError(400, {
		message:
			'(#10) This message is sent outside of allowed window. Learn more about the new policy here: ' +
			'https://developers.facebook.com/docs/messenger-platform/policy-overview',
		code: 10,
		error_subcode: platform === 'messenger' ? 2018278 : 2534022,
	});

export const messengerNoUser = () =>
	new GraphError(400, {
		message: '(#100) No matching user found',
		code: 100,
		error_subcode: 2018001,
	});

// --- Facebook Page publishing -------------------------------------------------------------------

export const scheduledTimeInvalid = () =>
	invalidParameter('The specified scheduled publish time is invalid.');

export const scheduledOnPublished = () =>
	invalidParameter('You cannot specify a scheduled publish time on a published post');

export const feedMissingContent = () => invalidParameter('Missing message or attachment');

export const photoMissingFile = () =>
	new GraphError(400, { message: '(#324) Requires upload file', code: 324 });

// --- Instagram content publishing (the IG error table: code, subcode, user title and message) ---

const ig = (message: string, code: number, subcode: number, title: string, userMsg: string) =>
	new GraphError(400, {
		message,
		code,
		error_subcode: subcode,
		is_transient: false,
		error_user_title: title,
		error_user_msg: userMsg,
	});

const CAPTION_LIMITS = 'Captions can have at most 2,200 characters, 30 hashtags and 20 @ tags.';

export const igCaptionTooLong = () =>
	ig('The caption is too long.', 36004, 2207010, 'Caption too long', CAPTION_LIMITS);

export const igTooManyHashtags = () =>
	ig('The caption has too many hashtags.', 36004, 2207010, 'Too many hashtags', CAPTION_LIMITS);

export const igTooManyMentions = (max: number) =>
	ig(`Cannot use more than ${max} tags per media`, 100, 2207040, 'Too many tags', CAPTION_LIMITS);

export const igUnknownMediaType = () =>
	ig(
		'The media type is unknown',
		100,
		2207023,
		'Unknown media type',
		'The media type entered is not one of the expected media types.',
	);

export const igCarouselItems = () =>
	ig(
		'Carousels need 2-10 photos/videos',
		100,
		2207028,
		'Invalid carousel',
		'A carousel needs between 2 and 10 photos or videos.',
	);

export const igMediaNotFound = (id: string) =>
	ig(
		`The media with ${id} cannot be found`,
		24,
		2207006,
		'Media not found',
		'The media you are trying to publish could not be found.',
	);

export const igNotReady = () =>
	ig(
		'Media ID is not available',
		9007,
		2207027,
		'Media not ready for publishing',
		'The media is not ready for publishing, please wait for a moment',
	);

export const igExpired = () =>
	ig(
		'The media you are trying to access has expired. Please try to upload again.',
		-2,
		2207020,
		'Media expired',
		'The media you are trying to access has expired. Please try to upload again.',
	);

export const igCreateFailed = () =>
	ig(
		'Create media fail, please try to re-create media',
		-1,
		2207032,
		'Create media failed',
		'Create media fail, please try to re-create media',
	);

export const igPublishLimit = () =>
	ig(
		'Application request limit reached',
		9,
		2207042,
		'Reached maximum posts limit',
		'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
	);

/** `Tuesday, 01-Jul-26 10:00:00 UTC`, the shape of the dates in Graph's expired-token message. */
function graphDate(ms: number): string {
	const d = new Date(ms);
	const day = d.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
	const month = d.toLocaleDateString('en-US', { month: 'short', timeZone: 'UTC' });
	const pad = (n: number) => String(n).padStart(2, '0');
	return (
		`${day}, ${pad(d.getUTCDate())}-${month}-${pad(d.getUTCFullYear() % 100)} ` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`
	);
}
