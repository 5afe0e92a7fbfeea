/** Raised by a command when the item it targets is gone (e.g. removed by the other person meanwhile). */
export class MissingItemError extends Error {
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`This ${kind} no longer exists — it may have been removed on another laptop.`);
    this.name = "MissingItemError";
  }
}

/** Raised when a document from a newer Baton would be edited. */
export class ReadOnlyDocumentError extends Error {
  constructor(readonly version: number) {
    super(`This account was saved by a newer version of Baton (schema ${version}); it opens read-only here. Update Baton to edit it.`);
    this.name = "ReadOnlyDocumentError";
  }
}

/** Raised when a dependency would make milestones wait for each other in a circle. */
export class DependencyCycleError extends Error {
  constructor(readonly path: string[]) {
    super("That would make milestones wait for each other in a circle: a milestone cannot depend on one that (through others) depends on it.");
    this.name = "DependencyCycleError";
  }
}
