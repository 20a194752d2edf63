// The one JSON envelope every gateway answer uses, with the HTTP status it goes out with.
export class ServiceResponse<T = null> {
	readonly success: boolean;
	readonly message: string;
	readonly data: T;
	readonly statusCode: number;

	private constructor(success: boolean, message: string, data: T, statusCode: number) {
		this.success = success;
		this.message = message;
		this.data = data;
		this.statusCode = statusCode;
	}

	static success<T>(message: string, data: T, statusCode = 200): ServiceResponse<T> {
		return new ServiceResponse(true, message, data, statusCode);
	}

	static failure<T>(message: string, data: T, statusCode: number): ServiceResponse<T> {
		return new ServiceResponse(false, message, data, statusCode);
	}

	/** The body on the wire; the status travels as the HTTP status, not in the body. */
	toJSON(): { success: boolean; message: string; data: T } {
		return { success: this.success, message: this.message, data: this.data };
	}
}

export interface Sendable {
	status(code: number): { json(body: unknown): unknown };
}

export function send<T>(res: Sendable, response: ServiceResponse<T>): void {
	res.status(response.statusCode).json(response);
}
