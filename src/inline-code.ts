/**
 * Blanks out the inline code spans of a raw prose block with spaces, keeping offsets, so that what a doc
 * shows in `code` is not read as its prose. A span is what /(`+)[^`]+\1/g matches: a run of backticks,
 * text without any, and as many backticks again. That pattern retries every start inside a long run of
 * backticks and so takes quadratic time on one; this finds the same spans in a single pass.
 */
export function blankInlineCode(raw: string): string {
  let output = "";
  let copied = 0;
  let open = raw.indexOf("`");
  while (open >= 0) {
    let text = open;
    while (raw[text] === "`") text++;
    const close = raw.indexOf("`", text);
    // No backtick after the text: no span opens here, nor anywhere further on.
    if (close < 0) break;
    let closeEnd = close;
    while (raw[closeEnd] === "`") closeEnd++;
    // The pattern's leftmost match opens with as many of the run's last backticks as the closing run has.
    const length = Math.min(text - open, closeEnd - close);
    const start = text - length;
    const end = close + length;
    output += raw.slice(copied, start) + " ".repeat(end - start);
    copied = end;
    open = raw.indexOf("`", end);
  }
  return output + raw.slice(copied);
}
