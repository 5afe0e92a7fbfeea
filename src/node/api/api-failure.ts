/** A refusal with words for the person (and per-field messages for forms); the front door answers it as an `ApiError`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}
