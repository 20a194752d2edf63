// Every HTTP header name the library reads or writes, once. Node lower-cases incoming names, so
// look them up with `req.get(NAME)` (case-insensitive) or `headers[NAME.toLowerCase()]`.
//
// @example
// fetch(url, { headers: { [SWITCHBOARD_SECRET_HEADER]: secret } });
// const signature = req.get(CHATWOOT_SIGNATURE_HEADER);

/** The shared secret our senders (gateway forwarder, promotions hook) show n8n's webhooks. */
export const SWITCHBOARD_SECRET_HEADER = 'X-Switchboard-Secret';
/** The forwarder's claim token for one attempt, so n8n's logs can be matched with ours. */
export const SWITCHBOARD_CLAIM_HEADER = 'X-Switchboard-Claim';

/** Taken from the caller or generated, echoed back, and logged with every line of a request. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Chatwoot's webhook signature: `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export const CHATWOOT_SIGNATURE_HEADER = 'X-Chatwoot-Signature';
export const CHATWOOT_TIMESTAMP_HEADER = 'X-Chatwoot-Timestamp';
export const CHATWOOT_DELIVERY_HEADER = 'X-Chatwoot-Delivery';
/** Chatwoot's API token header; dashed, because nginx drops headers with underscores. */
export const CHATWOOT_TOKEN_HEADER = 'Api-Access-Token';

/** Meta's webhook signature: `sha256=<hex HMAC-SHA256(app secret, body)>`. */
export const META_SIGNATURE_HEADER = 'X-Hub-Signature-256';
/** The legacy `sha1=<hex>` signature Meta still sends beside the SHA-256 one. */
export const META_SIGNATURE_SHA1_HEADER = 'X-Hub-Signature';
/** Meta's per-business-use-case usage, with `estimated_time_to_regain_access` in minutes. */
export const META_BUC_USAGE_HEADER = 'X-Business-Use-Case-Usage';

export const RETRY_AFTER_HEADER = 'Retry-After';
