import { highlight } from "@/lib/search/text";

/** Text with the words that matched the search marked. Pieces are rendered as text, so nothing in a quote can become HTML. */
export function HighlightedText({ text, terms }: { text: string; terms: string[] }) {
  return <>{highlight(text, terms).map((piece, index) => (piece.marked ? <mark key={index}>{piece.text}</mark> : piece.text))}</>;
}
