// Meta: the Graph API client (Facebook Pages, Instagram publishing, WhatsApp Cloud), Instagram's
// caption limits, and the X-Hub-Signature-256 check of Meta's webhooks.

// The client.
export { createMetaClient, type MetaClient } from './client.ts';
export type { MetaClientConfig, MetaClientDeps, MetaClientOptions } from './config.ts';
export type { FeedPostInput, PagesResource, PhotoPost, PhotoPostInput } from './resource-pages.ts';
export type {
	ContainerStatus,
	ImageContainerInput,
	InstagramResource,
	PollOptions,
	PublishingLimit,
} from './resource-instagram.ts';
export type {
	SentMessage,
	TemplateMessageInput,
	TextMessageInput,
	WhatsAppResource,
} from './resource-whatsapp.ts';
export type { TemplateComponent, TemplateParameter } from './whatsapp-templates.ts';

// Publishing an Instagram image: container, wait until it is ready, publish.
export {
	publishInstagramImage,
	type PublishedInstagramImage,
	type PublishInstagramImageInput,
} from './publish-instagram-image.ts';
export {
	assertInstagramCaption,
	captionLength,
	countHashtags,
	countMentions,
	INSTAGRAM_CAPTION_LIMITS,
} from './caption-limits.ts';

// Meta's webhooks.
export { verifyMetaSignature } from './signature.ts';

// What a failed call throws.
export {
	InstagramCaptionError,
	InstagramContainerError,
	InstagramContainerTimeoutError,
	InstagramPublishLimitError,
	MetaApiError,
	MetaError,
	MetaHttpError,
	MetaInvalidParameterError,
	MetaPermissionError,
	MetaRateLimitedError,
	MetaResponseError,
	MetaTokenError,
	MetaUnreachableError,
	WhatsAppPairRateError,
	WhatsAppReengagementError,
	WhatsAppThroughputError,
	type CaptionLimit,
} from './errors.ts';
