import { SlidingWindowCounter } from './rate-limits.ts';

export interface PagePost {
	id: string;
	pageId: string;
	kind: 'status' | 'photo';
	message?: string;
	link?: string;
	/** For photo posts: the photo node's id and image URL. */
	photoId?: string;
	imageUrl?: string;
	createdAt: number;
	/** published=true at creation; a scheduled post turns public once the clock passes scheduledAt. */
	published: boolean;
	scheduledAt?: number;
}

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface IgContainer {
	id: string;
	igUserId: string;
	mediaType: string;
	imageUrl?: string;
	videoUrl?: string;
	caption?: string;
	isCarouselItem: boolean;
	children: string[];
	createdAt: number;
	readyAt: number;
	/** Set when processing fails (e.g. an image that is not a JPEG). */
	error?: string;
	publishedMediaId?: string;
}

export interface IgMedia {
	id: string;
	igUserId: string;
	containerId: string;
	mediaType: string;
	mediaUrl?: string;
	caption?: string;
	publishedAt: number;
}

export function isPostPublic(post: PagePost, now: number): boolean {
	return post.published || (post.scheduledAt !== undefined && now >= post.scheduledAt);
}

/** A container's status_code at `now`: processing time, expiry after its TTL, then publication. */
export function containerStatus(
	container: IgContainer,
	now: number,
	ttlMs: number,
): ContainerStatus {
	if (container.publishedMediaId) return 'PUBLISHED';
	if (now - container.createdAt >= ttlMs) return 'EXPIRED';
	if (now < container.readyAt) return 'IN_PROGRESS';
	return container.error ? 'ERROR' : 'FINISHED';
}

/** Facebook Page posts and photos, Instagram containers, published media and the 24-hour quota. */
export class PublishingStore {
	readonly posts = new Map<string, PagePost>();
	/** Photo id → the post carrying it. */
	readonly photos = new Map<string, PagePost>();
	readonly containers = new Map<string, IgContainer>();
	readonly media = new Map<string, IgMedia>();
	readonly publishes = new SlidingWindowCounter();

	clear(): void {
		this.posts.clear();
		this.photos.clear();
		this.containers.clear();
		this.media.clear();
		this.publishes.clear();
	}
}
