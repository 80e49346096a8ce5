/**
 * Link destinations as a doc's text writes them, `](dest` and `[label]: dest`: every link the markdown parser
 * finds, and perhaps more. Cheap enough to run before any parse.
 */
const INLINE_DESTINATION = /\]\(\s*<?([^\s)>]*)/g;
const DEFINITION_DESTINATION = /^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]*)/gm;

export function* linkDestinations(text: string): Generator<string> {
  for (const pattern of [INLINE_DESTINATION, DEFINITION_DESTINATION]) {
    for (const match of text.matchAll(pattern)) yield match[1]!;
  }
}
