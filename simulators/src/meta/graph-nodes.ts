import type { AccessToken, BusinessNumber, PageAccount } from './config.ts';
import type { IgContainer, IgMedia, PagePost } from './publishing-store.ts';
import type { MetaSimState } from './state.ts';

/** What a Graph id in a path refers to. */
export type GraphNode =
	| { kind: 'phone_number'; id: string; number: BusinessNumber }
	| { kind: 'waba'; id: string; numbers: BusinessNumber[] }
	| { kind: 'page'; id: string; page: PageAccount }
	| { kind: 'ig_user'; id: string; page: PageAccount }
	| { kind: 'post'; id: string; post: PagePost }
	| { kind: 'photo'; id: string; post: PagePost }
	| { kind: 'ig_container'; id: string; container: IgContainer }
	| { kind: 'ig_media'; id: string; media: IgMedia };

export function resolveNode(
	state: MetaSimState,
	id: string,
	token: AccessToken,
): GraphNode | undefined {
	if (id === 'me') return resolveMe(state, token);
	const number = state.numberById(id);
	if (number) return { kind: 'phone_number', id, number };
	const numbers = state.wabaNumbers(id);
	if (numbers.length > 0) return { kind: 'waba', id, numbers };
	const page = state.pageById(id);
	if (page) return { kind: 'page', id, page };
	const igPage = state.pageByIgUser(id);
	if (igPage) return { kind: 'ig_user', id, page: igPage };
	const { posts, photos, containers, media } = state.publishing;
	const post = posts.get(id);
	if (post) return { kind: 'post', id, post };
	const photo = photos.get(id);
	if (photo) return { kind: 'photo', id, post: photo };
	const container = containers.get(id);
	if (container) return { kind: 'ig_container', id, container };
	const published = media.get(id);
	if (published) return { kind: 'ig_media', id, media: published };
	return undefined;
}

/** The ids a token must hold one of to act on the node (see assertAsset). */
export function nodeAssets(state: MetaSimState, node: GraphNode): string[] {
	switch (node.kind) {
		case 'phone_number':
			return [node.id, node.number.wabaId];
		case 'waba':
			return [node.id];
		case 'page':
		case 'ig_user':
			return [node.id, node.page.pageId];
		case 'post':
		case 'photo':
			return [node.post.pageId];
		case 'ig_container':
			return [node.container.igUserId, state.pageByIgUser(node.container.igUserId)?.pageId ?? ''];
		case 'ig_media':
			return [node.media.igUserId, state.pageByIgUser(node.media.igUserId)?.pageId ?? ''];
	}
}

// With a Page token, /me is the Page; the simulator takes the first Page the token may act on.
function resolveMe(state: MetaSimState, token: AccessToken): GraphNode | undefined {
	const page = state.config.pages.find((p) => !token.assets || token.assets.includes(p.pageId));
	return page ? { kind: 'page', id: page.pageId, page } : undefined;
}
