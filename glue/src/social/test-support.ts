// Factories and an in-memory post log for the auto-poster's tests.
import type { Promotion } from '../content/schemas.ts';
import type { PostJobInput } from './job.ts';
import type { PostLog, PostLogEntry } from './post-log.ts';

let nextId = 500;

/** A live promotion (a week old, a month to go) with an image, for Facebook and Instagram. */
export function makeSocialPromotion(overrides: Partial<Promotion> = {}): Promotion {
	const now = Date.now();
	const day = 24 * 3_600_000;
	return {
		id: String(++nextId),
		title: 'Fibre 500 at half price',
		body: 'Switch to Fibre 500 and pay half for 3 months. #fibre',
		imageUrl: 'https://cdn.example.com/fibre-500.jpg',
		link: 'https://northwind.example/offers/fibre-500',
		startsAt: new Date(now - 7 * day).toISOString(),
		endsAt: new Date(now + 30 * day).toISOString(),
		platforms: ['facebook', 'instagram'],
		postingSlots: [],
		department: null,
		...overrides,
	};
}

/** A job as the Caption Writer hands it on: the promotion, its slot and a caption per platform. */
export function makePostJob(overrides: Partial<PostJobInput> = {}): PostJobInput {
	const promotion = overrides.promotion ?? makeSocialPromotion();
	return {
		promotion,
		slot: '2026-11-23T14:00:00.000Z',
		slotLabel: 'mon 09:00',
		platforms: promotion.platforms,
		business: { name: 'Northwind Fibre', timeZone: 'America/New_York' },
		captions: {
			facebook: { ok: true, text: `Half price fibre! ${promotion.link ?? ''}`.trim() },
			instagram: { ok: true, text: 'Half price fibre for 3 months. #fibre #boston' },
			tiktok: { ok: true, text: 'Half price fibre 🚀 #fibre' },
		},
		...overrides,
	};
}

/** Keeps what was written; `fail` makes the next writes throw, as a Directus that is down would. */
export class MemoryPostLog implements PostLog {
	readonly entries: PostLogEntry[] = [];
	fail: Error | null = null;

	async write(entry: PostLogEntry): Promise<void> {
		if (this.fail) throw this.fail;
		this.entries.push(entry);
	}
}
