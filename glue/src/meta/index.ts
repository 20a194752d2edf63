// Meta: the Graph API client (Pages, Instagram publishing, WhatsApp Cloud) and webhook signatures.
export { appsecretProof } from './appsecret-proof.ts';
export {
	assertInstagramCaption,
	captionLength,
	countHashtags,
	countMentions,
	INSTAGRAM_CAPTION_LIMITS,
} from './caption-limits.ts';
export { createMetaClient, type MetaClient } from './client.ts';
export {
	metaClientConfigSchema,
	type MetaClientConfig,
	type MetaClientDeps,
	type MetaClientOptions,
} from './config.ts';
export * from './errors.ts';
export { graphErrorSchema, type GraphError } from './graph-error-body.ts';
export {
	publishInstagramImage,
	type PublishedInstagramImage,
	type PublishInstagramImageInput,
} from './publish-instagram-image.ts';
export { regainAccessMs, retryAfterFrom } from './rate-limit-headers.ts';
export {
	CONTAINER_MAX_WAIT_MS,
	CONTAINER_POLL_INTERVAL_MS,
	type ContainerStatus,
	type ImageContainerInput,
	type InstagramResource,
	type PollOptions,
	type PublishingLimit,
} from './resource-instagram.ts';
export type { FeedPostInput, PagesResource, PhotoPost, PhotoPostInput } from './resource-pages.ts';
export type {
	SentMessage,
	TemplateMessageInput,
	TextMessageInput,
	WhatsAppResource,
} from './resource-whatsapp.ts';
export { DEFAULT_RETRY_POLICY, isRetryable, retryWaitMs, type RetryPolicy } from './retry.ts';
export { CONTAINER_STATUSES, type ContainerStatusCode } from './schemas-publishing.ts';
export {
	encodeMetaJson,
	signMetaPayload,
	signMetaPayloadSha1,
	verifyMetaSignature,
	type MetaJsonOptions,
} from './signature.ts';
export type { TemplateComponent, TemplateParameter } from './whatsapp-templates.ts';
