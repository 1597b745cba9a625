/**
 * A run of consecutive validated `message.log` events, which the storage applies together with multi-row INSERTs.
 * @module
 */

/** Most recent_chat rows one INSERT statement writes (multi-row VALUES) in `Storage.applyChatRun`. */
export const CHAT_ROWS_PER_INSERT = 16;

/**
 * Consecutive validated `message.log` events, applied together by `Storage.applyChatRun`: same rows as one
 * `Storage.applyEvent` each, with fewer statement executions. Reused after {@link ChatRun.clear}.
 */
export class ChatRun {
  /** `username` of each event. */
  readonly usernames: string[] = [];
  /** `message` of each event. */
  readonly messages: string[] = [];
  /** Receive time of each event, seconds. */
  readonly times: number[] = [];
  /** Events held. */
  length = 0;

  /** Adds one event received at `nowS`. */
  push(username: string, message: string, nowS: number): void {
    this.usernames[this.length] = username;
    this.messages[this.length] = message;
    this.times[this.length] = nowS;
    this.length++;
  }

  /** Forgets every event. */
  clear(): void {
    this.usernames.length = 0;
    this.messages.length = 0;
    this.times.length = 0;
    this.length = 0;
  }
}
