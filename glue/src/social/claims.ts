// Which platforms of a promotion's slot already have a row in sb_social_posts. Only a read, to spare
// Claude a caption nobody will post: the claim (log-store claimSocialPost) stays what guarantees
// that a slot is posted once.
import type { SocialPlatform } from '../captions/platforms.ts';
import { socialPostsByKeys, type Queryable } from '../log-store/repository.ts';
import { socialPostKey } from '../log-store/schemas.ts';

export interface ExistingClaim {
	platform: SocialPlatform;
	status: string;
	postId: string | null;
}

/** The idempotency key of promotion × platform × slot (the log store's, one format everywhere). */
export function postKey(promotionId: string, platform: SocialPlatform, slot: Date): string {
	return socialPostKey({ promotionId, platform, slot });
}

export interface SlotQuery {
	promotionId: string;
	slot: Date;
	platforms: readonly SocialPlatform[];
}

/** For each slot, in order, the platforms that have a row already; one query for all of them. */
export async function existingClaims(
	db: Queryable,
	slots: readonly SlotQuery[],
): Promise<ExistingClaim[][]> {
	const keysOf = ({ promotionId, slot, platforms }: SlotQuery) => [
		...new Set(platforms.map((platform) => postKey(promotionId, platform, slot))),
	];
	const posts = await socialPostsByKeys(db, [...new Set(slots.flatMap(keysOf))]);
	const byKey = new Map(posts.map((post) => [post.idempotencyKey, post]));
	return slots.map((query) =>
		keysOf(query).flatMap((key) => {
			const post = byKey.get(key);
			return post ? [{ platform: post.platform, status: post.status, postId: post.postId }] : [];
		}),
	);
}
