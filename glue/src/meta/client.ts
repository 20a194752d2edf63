// A typed client for the Graph API calls switchboard makes: Page posts, Instagram publishing and
// WhatsApp Cloud sends (reference/meta.md §3, §5).
import { parseMetaClientConfig, type MetaClientOptions } from './config.ts';
import {
	publishInstagramImage,
	type PublishInstagramImageInput,
	type PublishedInstagramImage,
} from './publish-instagram-image.ts';
import {
	instagramResource,
	type InstagramResource,
	type PollOptions,
} from './resource-instagram.ts';
import { pagesResource, type PagesResource } from './resource-pages.ts';
import { whatsappResource, type WhatsAppResource } from './resource-whatsapp.ts';
import {
	whatsappTemplatesResource,
	type WhatsAppTemplatesResource,
} from './resource-whatsapp-templates.ts';
import { createGraphTransport } from './transport.ts';

export interface MetaClient {
	graphBaseUrl: string;
	apiVersion: string;
	pages: PagesResource;
	instagram: InstagramResource & {
		/** The whole cycle; see publishInstagramImage. */
		publishImage(
			input: PublishInstagramImageInput,
			options?: PollOptions,
		): Promise<PublishedInstagramImage>;
	};
	whatsapp: WhatsAppResource & WhatsAppTemplatesResource;
}

export function createMetaClient(options: MetaClientOptions): MetaClient {
	const { httpAgent, httpsAgent, sleep, now, random, ...configInput } = options;
	const config = parseMetaClientConfig(configInput);
	const transport = createGraphTransport(config, { httpAgent, httpsAgent, sleep, now, random });
	const instagram = instagramResource(transport);
	return {
		graphBaseUrl: config.graphBaseUrl,
		apiVersion: config.apiVersion,
		pages: pagesResource(transport),
		instagram: {
			...instagram,
			publishImage: (input, pollOptions) => publishInstagramImage(instagram, input, pollOptions),
		},
		whatsapp: { ...whatsappResource(transport), ...whatsappTemplatesResource(transport) },
	};
}
