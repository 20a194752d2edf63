// Message templates: every message the product writes without Claude (out of hours, hand-off
// acknowledgement, and later broadcasts and reminders) is a Directus `message_templates` record,
// filled in by variable providers and checked before it is saved. Imported as
// @switchboard/glue/templates.

// The model, as marketing keeps it in Directus.
export {
	CHANNEL_KINDS,
	CHANNEL_LENGTH_LIMITS,
	EMAIL_SUBJECT_LIMIT,
	TEMPLATE_STATUSES,
	templateSchema,
	WHATSAPP_BUTTON_SUB_TYPES,
	WHATSAPP_CATEGORIES,
	whatsappMappingSchema,
	whatsappParameterSchema,
	type ChannelKind,
	type Template,
	type TemplateInput,
	type TemplateStatus,
	type WhatsAppMapping,
	type WhatsAppParameter,
} from './model.ts';
export { TEMPLATE_FIELDS, templateFromRecord } from './record.ts';
export { LEGACY_VARIABLES } from './placeholders.ts';

// Choosing one for a customer.
export { languageCandidates, pickTemplate } from './pick.ts';

// Variables: the providers, their registry and what a conversation offers them.
export {
	createVariableRegistry,
	defaultRegistry,
	variableCatalog,
	type CatalogEntry,
	type FoundVariable,
	type VariableName,
	type VariableRegistry,
} from './registry.ts';
export {
	defineProvider,
	type AppointmentFacts,
	type BroadcastFacts,
	type ContactFacts,
	type Money,
	type PromotionFacts,
	type RawValue,
	type ResolvedValues,
	type StageFacts,
	type TemplateContext,
	type VariableProvider,
	type VariableSpec,
	type VariableType,
} from './variables.ts';
export { firstName } from './providers/contact.ts';
export { formatHours, formatValue, type FormatOptions } from './format.ts';

// Filling one in, and checking one.
export {
	previewMessage,
	renderMessage,
	type PreviewOptions,
	type RenderedMessage,
	type RenderOptions,
} from './render.ts';
export { recordProblems, templateProblems, type TemplateCheckOptions } from './validate.ts';
// A Studio preview from the Directus records at hand (helper D).
export {
	previewTemplateRecords,
	type PreviewRecords,
	type TemplatePreview,
} from './preview-records.ts';

// What a failed render throws.
export {
	TemplateError,
	TemplateInvalidError,
	TemplateNotFoundError,
	TemplateVariableMissingError,
} from './errors.ts';
