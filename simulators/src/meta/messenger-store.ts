export type MessagingPlatform = 'messenger' | 'instagram';

export interface SentMessengerMessage {
	id: string;
	platform: MessagingPlatform;
	/** The Page id (Messenger) or Instagram professional account id. */
	accountId: string;
	recipientId: string;
	request: Record<string, unknown>;
	createdAt: number;
}

/** Messenger and Instagram messaging state: what was sent and when each user last wrote. */
export class MessengerStore {
	readonly sent: SentMessengerMessage[] = [];
	private readonly lastInbound = new Map<string, number>();

	recordInbound(accountId: string, userId: string, at: number): void {
		this.lastInbound.set(`${accountId}:${userId}`, at);
	}

	/** When the user last messaged this account; undefined if never (Graph then knows no such user). */
	lastInboundAt(accountId: string, userId: string): number | undefined {
		return this.lastInbound.get(`${accountId}:${userId}`);
	}

	clear(): void {
		this.sent.length = 0;
		this.lastInbound.clear();
	}
}
