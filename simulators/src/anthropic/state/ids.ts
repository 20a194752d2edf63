import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function base62(length: number): string {
	return Array.from(randomBytes(length), (byte) => alphabet.charAt(byte % alphabet.length)).join(
		'',
	);
}

// Same prefixes and lengths as the real ids (msg_01XFDUDYJgAACzvnptvVoYEL, req_011CSHoEeqs5C35K2UUqR7Fy).
export const newId = {
	message: (): string => `msg_01${base62(22)}`,
	toolUse: (): string => `toolu_01${base62(22)}`,
	request: (): string => `req_011C${base62(20)}`,
	batch: (): string => `msgbatch_01${base62(22)}`,
	signature: (): string => randomBytes(48).toString('base64'),
};
