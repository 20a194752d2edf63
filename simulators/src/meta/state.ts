import { SimClock } from './clock.ts';
import type { AccessToken, BusinessNumber, MetaSimConfig, PageAccount } from './config.ts';
import { IdFactory } from './ids.ts';
import { MessengerStore } from './messenger-store.ts';
import { PublishingStore } from './publishing-store.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import { WhatsAppStore } from './whatsapp-store.ts';

export interface MetaSimDeps {
	/** Base clock in ms; the admin API and tests move an offset on top of it. */
	clock?: () => number;
	random?: () => number;
	/** How webhooks and handshakes reach the receiver. */
	fetch?: typeof fetch;
}

/** Everything the simulator remembers, plus the lookups the handlers share. */
export class MetaSimState {
	config: MetaSimConfig;
	readonly clock: SimClock;
	readonly ids: IdFactory;
	readonly random: () => number;
	readonly fetch: typeof fetch;
	readonly whatsapp = new WhatsAppStore();
	readonly messenger = new MessengerStore();
	readonly publishing = new PublishingStore();
	readonly webhooks: WebhookDispatcher;
	private readonly initialConfig: MetaSimConfig;

	constructor(config: MetaSimConfig, deps: MetaSimDeps = {}) {
		this.config = config;
		this.initialConfig = config;
		this.clock = new SimClock(deps.clock);
		this.random = deps.random ?? Math.random;
		this.ids = new IdFactory(this.random);
		this.fetch = deps.fetch ?? globalThis.fetch;
		this.webhooks = new WebhookDispatcher({
			config: () => this.config,
			fetch: this.fetch,
			now: () => this.clock.now(),
		});
	}

	/** Back to the configuration the simulator started with, and no state at all. */
	reset(): void {
		this.webhooks.reset();
		this.whatsapp.clear();
		this.messenger.clear();
		this.publishing.clear();
		this.clock.reset();
		this.config = this.initialConfig;
	}

	token(value: string): AccessToken | undefined {
		return this.config.accessTokens.find((t) => t.token === value);
	}

	numberById(phoneNumberId: string): BusinessNumber | undefined {
		return this.config.businessNumbers.find((n) => n.phoneNumberId === phoneNumberId);
	}

	/** Finds a number by its display digits, ignoring "+", spaces and dashes. */
	numberByDisplay(display: string): BusinessNumber | undefined {
		const digits = display.replace(/\D/g, '');
		return this.config.businessNumbers.find((n) => n.displayPhoneNumber === digits);
	}

	wabaNumbers(wabaId: string): BusinessNumber[] {
		return this.config.businessNumbers.filter((n) => n.wabaId === wabaId);
	}

	pageById(pageId: string): PageAccount | undefined {
		return this.config.pages.find((p) => p.pageId === pageId);
	}

	pageByIgUser(igUserId: string): PageAccount | undefined {
		return this.config.pages.find((p) => p.igUserId === igUserId);
	}

	/** One callback per app, unless the WABA was subscribed with an override_callback_uri. */
	whatsappWebhookUrl(number: BusinessNumber): string | null {
		return this.whatsapp.callbackOverrides.get(number.wabaId) ?? this.config.webhookUrl;
	}
}
