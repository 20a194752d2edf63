// HTTP in, outcome out: the controller only translates between the request and the service.
import type { Request, Response } from 'express';
import {
	CHATWOOT_DELIVERY_HEADER,
	CHATWOOT_SIGNATURE_HEADER,
	CHATWOOT_TIMESTAMP_HEADER,
} from '../../common/headers.ts';
import { send, ServiceResponse } from '../common/service-response.ts';
import type { WebhookService } from './webhook.service.ts';
import type { WebhookOutcome } from './webhook.model.ts';

export function responseFor(outcome: WebhookOutcome): ServiceResponse<Record<string, unknown>> {
	switch (outcome.kind) {
		case 'rejected':
			return outcome.status === 401
				? ServiceResponse.failure('signature rejected', { reason: outcome.reason }, 401)
				: ServiceResponse.failure(
						'malformed webhook',
						{ reason: outcome.reason, ...(outcome.issues ? { issues: outcome.issues } : {}) },
						outcome.status,
					);
		case 'dropped':
			return ServiceResponse.success('dropped', {
				outcome: 'dropped',
				reason: outcome.reason,
				ledgerId: outcome.ledgerId,
			});
		case 'duplicate':
			return ServiceResponse.success('duplicate', {
				outcome: 'duplicate',
				ledgerId: outcome.ledgerId,
			});
		case 'revised':
			return ServiceResponse.success('revised', {
				outcome: 'revised',
				ledgerId: outcome.ledgerId,
			});
		case 'queued':
			return ServiceResponse.success('queued', { outcome: 'queued', ledgerId: outcome.ledgerId });
		case 'stage':
			return ServiceResponse.success('stage', {
				outcome: 'stage',
				result: outcome.result,
				stage: outcome.stage,
				...(outcome.reason ? { reason: outcome.reason } : {}),
			});
	}
}

export function webhookController(service: WebhookService) {
	return async (req: Request, res: Response): Promise<void> => {
		const outcome = await service.handle({
			rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
			signature: req.get(CHATWOOT_SIGNATURE_HEADER),
			timestamp: req.get(CHATWOOT_TIMESTAMP_HEADER),
			deliveryId: req.get(CHATWOOT_DELIVERY_HEADER),
		});
		const { kind } = outcome;
		res.locals.logFields = {
			outcome: kind,
			...('reason' in outcome ? { reason: outcome.reason } : {}),
			...('source' in outcome ? { source: outcome.source } : {}),
			...('ledgerId' in outcome ? { ledgerId: outcome.ledgerId } : {}),
		};
		send(res, responseFor(outcome));
	};
}
