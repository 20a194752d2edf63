/**
 * JSON as Rails writes it (`escape_html_entities_in_json`): <, > and & become \u003c, \u003e and
 * \u0026, and ActiveSupport also escapes U+2028/U+2029. Receivers must verify the signature over
 * these exact bytes, not over a re-serialisation.
 */
export function railsJson(value: unknown): string {
	return JSON.stringify(value).replace(
		/[<>&\u2028\u2029]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
