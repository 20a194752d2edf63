import type { GraphNode } from './graph-nodes.ts';
import {
	type GraphParams,
	type GraphReply,
	graphTime,
	pickFields,
	requestedFields,
} from './graph-http.ts';
import { readContainer } from './ig-publish.ts';
import { isPostPublic } from './publishing-store.ts';
import type { MetaSimState } from './state.ts';

/** GET /{id}: the node's fields, defaulting to what Graph returns without `fields`. */
export function readNode(state: MetaSimState, node: GraphNode, params: GraphParams): GraphReply {
	const now = state.clock.now();
	const reply = (fields: Record<string, unknown>, defaults: readonly string[]): GraphReply => ({
		status: 200,
		body: pickFields(fields, requestedFields(params, defaults)),
	});
	switch (node.kind) {
		case 'phone_number': {
			const n = node.number;
			const throughput = (n.throughputPerSecond ?? state.config.whatsapp.throughputPerSecond) > 80;
			return reply(
				{
					id: n.phoneNumberId,
					verified_name: n.verifiedName,
					code_verification_status: 'VERIFIED',
					display_phone_number: n.displayPhoneNumber,
					quality_rating: 'GREEN',
					platform_type: 'CLOUD_API',
					throughput: { level: throughput ? 'HIGH' : 'STANDARD' },
				},
				[
					'verified_name',
					'code_verification_status',
					'display_phone_number',
					'quality_rating',
					'platform_type',
					'throughput',
				],
			);
		}
		case 'waba':
			return reply(
				{ id: node.id, name: 'Switchboard Sandbox', currency: 'USD', timezone_id: '1' },
				['name'],
			);
		case 'page':
			return reply(
				{
					id: node.page.pageId,
					name: node.page.name,
					instagram_business_account: igRef(node.page.igUserId),
				},
				['name'],
			);
		case 'ig_user':
			return reply({ id: node.id, username: node.page.igUsername, name: node.page.name }, ['id']);
		case 'post':
		case 'photo': {
			const post = node.post;
			const base = {
				id: node.kind === 'post' ? post.id : post.photoId,
				created_time: graphTime(post.createdAt),
				is_published: isPostPublic(post, now),
				scheduled_publish_time:
					post.scheduledAt === undefined ? undefined : Math.floor(post.scheduledAt / 1000),
				permalink_url: `https://www.facebook.com/${post.id}`,
			};
			if (node.kind === 'photo') {
				return reply(
					{ ...base, name: post.message, picture: post.imageUrl, page_story_id: post.id },
					['created_time', 'name'],
				);
			}
			return reply({ ...base, message: post.message, full_picture: post.imageUrl }, [
				'created_time',
				'message',
			]);
		}
		case 'ig_container':
			return readContainer(state, node.container, params);
		case 'ig_media': {
			const m = node.media;
			const username = state.pageByIgUser(m.igUserId)?.igUsername;
			return reply(
				{
					id: m.id,
					caption: m.caption,
					media_type: m.mediaType,
					media_url: m.mediaUrl,
					permalink: `https://www.instagram.com/p/${m.id}/`,
					timestamp: graphTime(m.publishedAt),
					username,
				},
				['id'],
			);
		}
	}
}

function igRef(igUserId: string | undefined): { id: string } | undefined {
	return igUserId ? { id: igUserId } : undefined;
}
