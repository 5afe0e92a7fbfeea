/**
 * The sync server's log: one JSON object per line on stderr (pino), with the time (ISO
 * 8601) and the level by name, so a service manager's journal or a log collector can
 * filter and sort it. The relay and the sync node hand over plain lines; damage, failed
 * writes and refusals among them are warnings.
 */
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from "pino";
import { levelOfLine } from "../node/log-level";

export function createServerLog(destination: DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  return pino(
    {
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** A plain line from the relay or the node, at the level its words call for. */
export function logLine(log: Logger, line: string): void {
  log[levelOfLine(line)](line);
}
