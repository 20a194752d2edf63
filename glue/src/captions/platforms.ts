import { SOCIAL_PLATFORMS } from '../content/schemas.ts';

export { SOCIAL_PLATFORMS };
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

/** How people (and Claude) read the platform's name. */
export const PLATFORM_NAMES: Record<SocialPlatform, string> = {
	facebook: 'Facebook',
	instagram: 'Instagram',
	tiktok: 'TikTok',
};
