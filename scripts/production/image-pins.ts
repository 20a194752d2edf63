// What "pinned" means for an image reference: a full version tag or a digest, never latest or a
// floating major/minor such as `traefik:v3.6` or `pg17`.
const FULL_VERSION = /^v?\d+\.\d+\.\d+(?:[-.][\w.-]+)?$/;

/** The tag of `repo[:tag][@digest]`; 'digest' when pinned by digest, null when there is none. */
export function imageTag(image: string): string | null {
	if (image.includes('@sha256:')) return 'digest';
	const lastColon = image.lastIndexOf(':');
	return lastColon > image.lastIndexOf('/') ? image.slice(lastColon + 1) : null;
}

export function isPinnedImage(image: string): boolean {
	const tag = imageTag(image);
	return tag === 'digest' || (tag !== null && FULL_VERSION.test(tag));
}

/** The images a Dockerfile builds FROM (stage names such as `FROM nodes` excluded). */
export function dockerfileBaseImages(dockerfile: string): string[] {
	const stages = new Set<string>();
	const images: string[] = [];
	for (const match of dockerfile.matchAll(
		/^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/gim,
	)) {
		const image = match[1]!;
		if (!stages.has(image)) images.push(image);
		if (match[2]) stages.add(match[2]);
	}
	return images;
}
