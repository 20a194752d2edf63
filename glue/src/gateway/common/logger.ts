// winston, one JSON object per line. Callers log ids, codes and counts; never bodies or secrets.
import type { Writable } from 'node:stream';
import winston from 'winston';

export type GatewayLogger = winston.Logger;

export interface LoggerOptions {
	level: string;
	/** Where lines go instead of stdout (tests read them back). */
	stream?: Writable;
}

export function createLogger(options: LoggerOptions): GatewayLogger {
	return winston.createLogger({
		level: options.level,
		format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
		defaultMeta: { service: 'switchboard-gateway' },
		transports: [
			options.stream
				? new winston.transports.Stream({ stream: options.stream })
				: new winston.transports.Console(),
		],
	});
}

/** An error as a log field: its name, code and message, never the request that caused it. */
export function errorFields(error: unknown): Record<string, unknown> {
	if (!(error instanceof Error)) return { error: String(error) };
	const code = (error as { code?: unknown }).code;
	return { error: error.message, errorName: error.name, ...(code ? { errorCode: code } : {}) };
}
