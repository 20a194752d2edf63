import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { assertAsset, authenticate, tokenOf } from './auth.ts';
import { unknownObject, unknownPath } from './error-catalog.ts';
import { GraphError, metaErrorBody } from './graph-error.ts';
import {
	type GraphParams,
	type GraphReply,
	graphParams,
	graphVersion,
	sendGraph,
} from './graph-http.ts';
import { type GraphNode, nodeAssets, resolveNode } from './graph-nodes.ts';
import { createContainer, publishContainer, publishingLimit } from './ig-publish.ts';
import { sendMessengerMessage } from './messenger-send.ts';
import { readNode } from './node-read.ts';
import { createFeedPost, createPhotoPost, deletePost, updatePost } from './page-publish.ts';
import type { MetaSimState } from './state.ts';
import {
	listPhoneNumbers,
	listSubscribedApps,
	listTemplates,
	subscribeApp,
	unsubscribeApp,
} from './waba.ts';
import { sendWhatsAppMessage } from './whatsapp-send.ts';

type Kind = GraphNode['kind'];
type NodeOf<K extends Kind> = Extract<GraphNode, { kind: K }>;
type Handler<K extends Kind> = (
	node: NodeOf<K>,
	params: GraphParams,
	req: Request,
) => GraphReply | Promise<GraphReply>;

/** The Graph API: /{version}/{node}/{edge}, behind the token check, answering Meta's envelopes. */
export function mountGraphApi(app: Express, state: MetaSimState): void {
	const router = express.Router();
	router.use(graphVersion);
	router.use(authenticate(state));

	const on =
		<K extends Kind>(kinds: readonly K[], handler: Handler<K>) =>
		async (req: Request, res: Response): Promise<void> => {
			const id = String(req.params.node);
			const token = tokenOf(res);
			const node = resolveNode(state, id, token);
			if (!node || !isKind(node, kinds)) throw unknownObject(req.method, id);
			assertAsset(token, ...nodeAssets(state, node));
			const reply = await handler(node, graphParams(req), req);
			sendGraph(res, reply.status, reply.body);
			reply.after?.();
		};

	router.post(
		'/:node/messages',
		on(['phone_number', 'page', 'ig_user'], (node, params) => {
			if (node.kind === 'phone_number') return sendWhatsAppMessage(state, node.number, params);
			if (node.kind === 'page')
				return sendMessengerMessage(state, 'messenger', node.page.pageId, params);
			return sendMessengerMessage(state, 'instagram', node.id, params);
		}),
	);
	router.post(
		'/:node/feed',
		on(['page'], (node, params) => createFeedPost(state, node.page, params)),
	);
	router.post(
		'/:node/photos',
		on(['page'], (node, params) => createPhotoPost(state, node.page, params)),
	);
	router.post(
		'/:node/media',
		on(['ig_user'], (node, params) => createContainer(state, node.id, params)),
	);
	router.post(
		'/:node/media_publish',
		on(['ig_user'], (node, params) => publishContainer(state, node.id, params)),
	);
	router.get(
		'/:node/content_publishing_limit',
		on(['ig_user'], (node, params) => publishingLimit(state, node.id, params)),
	);
	router.get(
		'/:node/message_templates',
		on(['waba'], (node, params, req) => listTemplates(state, node.id, params, pageUrlOf(req))),
	);
	router.get(
		'/:node/phone_numbers',
		on(['waba'], (node) => listPhoneNumbers(state, node.id)),
	);
	router.get(
		'/:node/subscribed_apps',
		on(['waba'], (node) => listSubscribedApps(state, node.id)),
	);
	router.post(
		'/:node/subscribed_apps',
		on(['waba'], (node, params) => subscribeApp(state, node.id, params)),
	);
	router.delete(
		'/:node/subscribed_apps',
		on(['waba'], (node) => unsubscribeApp(state, node.id)),
	);
	router.get(
		'/:node',
		on(
			['phone_number', 'waba', 'page', 'ig_user', 'post', 'photo', 'ig_container', 'ig_media'],
			(node, params) => readNode(state, node, params),
		),
	);
	router.post(
		'/:node',
		on(['post', 'photo'], (node, params) => updatePost(node.post, params)),
	);
	router.delete(
		'/:node',
		on(['post', 'photo'], (node) => deletePost(state, node.post)),
	);

	router.use((req: Request, res: Response) => {
		const [id = '', ...edges] = req.path.split('/').filter(Boolean);
		const known = resolveNode(state, id, tokenOf(res));
		if (known && edges.length > 0) throw unknownPath(`/${edges.join('/')}`);
		throw unknownObject(req.method, id);
	});
	router.use(answerGraphError(state));
	app.use(router);
}

/** This request's URL (with its version) without paging parameters, for `paging.next`. */
function pageUrlOf(req: Request): URL {
	const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`);
	for (const key of ['after', 'before', 'access_token']) url.searchParams.delete(key);
	return url;
}

function isKind<K extends Kind>(node: GraphNode, kinds: readonly K[]): node is NodeOf<K> {
	return (kinds as readonly Kind[]).includes(node.kind);
}

function answerGraphError(state: MetaSimState) {
	return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
		if (!(err instanceof GraphError)) return next(err);
		res.set(err.headers);
		sendGraph(res, err.status, metaErrorBody(err.fields, state.ids.fbtraceId()));
	};
}
