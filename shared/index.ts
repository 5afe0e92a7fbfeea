/** The domain shared by the sync node, Electron main and the renderer. */
export * from "./account/schema";
export * from "./account/fixed";
export * from "./account/rank";
export * from "./account/migrations";
export * from "./commands/errors";
export * from "./commands/account";
export * from "./commands/commitments";
export * from "./commands/milestones";
export * from "./queries/account-view";
export * from "./queries/summary";
export * from "./validation/fields";
export * from "./attribution";
export * from "./api";
export * from "./bridge";
export * from "./meeting-code";
export * from "./ipc";
