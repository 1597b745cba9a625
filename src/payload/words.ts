/**
 * The fixed word list `text MIN MAX` draws from: short lowercase ASCII words (one byte per character, nothing to
 * escape in JSON), so a text's length in characters is its length in bytes.
 * @module
 */

/** Words for generated chat text. */
export const WORDS: readonly string[] = [
  "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "hello", "there", "what", "is", "up", "today",
  "stream", "music", "video", "playing", "next", "song", "nice", "cool", "great", "thanks", "welcome", "back",
  "good", "morning", "night", "see", "you", "later", "who", "knows", "this", "one", "again", "please", "skip",
  "vote", "queue", "list", "chat", "room", "bot", "user", "time", "long", "short", "fast", "slow", "loud", "quiet",
  "yes", "no", "maybe", "never", "always", "lol", "ok", "sure", "wow", "fun", "game", "play", "watch", "now",
];
