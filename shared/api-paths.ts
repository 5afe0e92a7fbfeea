/**
 * The node's routes that a window uses before the rest of its code is running (the
 * renderer's first requests, src/renderer/app/first-requests.ts): kept apart from the
 * operations table in api.ts, whose input schemas would make that first script several
 * times larger. The table refers to the status route from here.
 */

/** The node's status (`operations.status`); a window also asks it to learn whether its token still works. */
export const STATUS_PATH = "/api/status";

/** The server-sent event stream (`NodeEvent`s); EventSource cannot send headers, so the token goes in the query. */
export const EVENTS_PATH = "/api/events";

/**
 * One account as a single compact saved document (binary, `?id=<documentId>`), for a window
 * that opens it: loading it is much faster than receiving its whole history over sync, and
 * the sync that follows only carries what is newer. 404 when the account is not on this
 * device (the window then waits for sync, as for an account still arriving).
 */
export const SAVED_DOCUMENT_PATH = "/api/saved-document";

/**
 * Browser mode's sign-in: the one route without the token. The page trades the one-time
 * ticket of the address it was opened with (`?login=…`) for the Endpoint, once.
 */
export const SESSION_PATH = "/api/session";
export const TICKET_PARAM = "login";
