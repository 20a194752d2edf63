import { SocialError } from './social-error.ts';

/** A setting of the auto-poster is unusable, e.g. a default posting slot that is no weekday time. */
export class SocialConfigError extends SocialError {
	override readonly code = 'SOCIAL_INVALID_CONFIG';
	override readonly httpStatus = 500;
	readonly setting: string;

	constructor(setting: string, problem: string) {
		super(`social: the setting ${setting} ${problem}`);
		this.name = 'SocialConfigError';
		this.setting = setting;
	}
}
