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

// Approved WhatsApp templates: Meta's list, the parameters each needs, and the check of a mapping.
export {
	approvedTemplateSchema,
	WHATSAPP_TEMPLATE_STATUSES,
	type ApprovedTemplate,
	type ApprovedTemplateComponent,
	type ApprovedTemplateInput,
	type TemplateButton,
} from './whatsapp-approved-template.ts';
export {
	placeholdersOf,
	templateParameters,
	type ButtonParameter,
	type HeaderParameter,
	type TemplateParameters,
} from './whatsapp-template-parameters.ts';
export {
	whatsappMappingParameterSchema,
	whatsappTemplateMappingSchema,
	type WhatsAppMappingParameter,
	type WhatsAppTemplateMapping,
	type WhatsAppTemplateMappingInput,
} from './whatsapp-template-mapping.ts';
export { whatsappMappingProblems, type MappingCheckOptions } from './whatsapp-mapping-problems.ts';

// Syncing them into Directus (whatsapp_approved_templates), where marketing picks from them.
export type {
	ListTemplatesOptions,
	WhatsAppTemplatesResource,
} from './resource-whatsapp-templates.ts';
export {
	APPROVED_TEMPLATES_COLLECTION,
	approvedTemplateId,
	approvedTemplateRow,
	GONE_STATUS,
	runApprovedTemplatesSync,
	syncApprovedTemplates,
	type ApprovedTemplateRow,
	type ApprovedTemplateStore,
	type SyncApprovedTemplatesInput,
	type SyncResult,
} from './approved-templates-sync.ts';
export { directusApprovedTemplateStore } from './approved-templates-directus-store.ts';
export {
	itemsServiceApprovedTemplateStore,
	type ItemsServiceLike,
} from './approved-templates-items-store.ts';
export {
	approvedTemplatesSettings,
	type ApprovedTemplatesSettings,
} from './approved-templates-settings.ts';

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
// WhatsApp webhooks: one item per message and status (Chatwoot reads only the first of a batch),
// and the status updates the broadcast sender applies.
export {
	META_DROP_REASONS,
	splitWhatsAppWebhook,
	type MetaDropReason,
	type WhatsAppItemKind,
	type WhatsAppWebhookItem,
} from './whatsapp-webhook.ts';
export {
	readWhatsAppStatus,
	WHATSAPP_STATUSES,
	whatsAppStatusErrorSchema,
	whatsAppStatusUpdateSchema,
	type DeliveryStatusHook,
	type StatusReading,
	type WhatsAppStatus,
	type WhatsAppStatusError,
	type WhatsAppStatusUpdate,
} from './whatsapp-status.ts';

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
