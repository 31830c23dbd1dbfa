import { useRef, type KeyboardEvent, type RefObject } from "react";
import type { TextSpan } from "@/lib/sources/offsets";
import { textDirection } from "@/lib/sources/alignment";
import { trimSpan } from "@/lib/sources/spans";
import styles from "./source-text.module.css";

// The article text with every statement highlighted in place. Statements may
// overlap or nest, so the text is cut at every statement boundary into
// segments that each lie wholly inside or outside each statement; a segment
// knows which statements cover it. Every segment is one element holding one
// text node and carries its start offset in data-offset, which is how a DOM
// selection is turned back into offsets into the source text.

export type StatementSpan = TextSpan & { id: string };

export type TextSegment = TextSpan & {
  /** Every statement covering the segment, in source order. */
  statementIds: string[];
  /** The innermost covering statement: the one a click on the segment opens first. */
  owner: string | null;
  /** The first segment owned by its statement: the statement's one stop in the tab order. */
  isAnchor: boolean;
  inSuggestion: boolean;
  inDraft: boolean;
};

const covers = (span: TextSpan, start: number, end: number) => span.startOffset <= start && end <= span.endOffset;

export function segmentText(
  length: number,
  statements: StatementSpan[],
  suggestion: TextSpan | null,
  draft: TextSpan | null,
): TextSegment[] {
  const spans = [...statements, ...(suggestion ? [suggestion] : []), ...(draft ? [draft] : [])];
  const boundaries = new Set([0, length]);
  for (const span of spans) {
    boundaries.add(Math.max(0, Math.min(length, span.startOffset)));
    boundaries.add(Math.max(0, Math.min(length, span.endOffset)));
  }
  const sorted = [...boundaries].sort((a, b) => a - b);
  const anchored = new Set<string>();
  const segments: TextSegment[] = [];
  for (let index = 0; index + 1 < sorted.length; index += 1) {
    const start = sorted[index]!;
    const end = sorted[index + 1]!;
    const covering = statements.filter((statement) => covers(statement, start, end));
    let owner: StatementSpan | null = null;
    for (const statement of covering) {
      if (!owner || statement.endOffset - statement.startOffset < owner.endOffset - owner.startOffset) owner = statement;
    }
    const isAnchor = owner !== null && !anchored.has(owner.id);
    if (owner) anchored.add(owner.id);
    segments.push({
      startOffset: start,
      endOffset: end,
      statementIds: covering.map((statement) => statement.id),
      owner: owner?.id ?? null,
      isAnchor,
      inSuggestion: suggestion !== null && covers(suggestion, start, end),
      inDraft: draft !== null && covers(draft, start, end),
    });
  }
  return segments;
}

/** A DOM boundary point inside the text container, as an offset into the source text; null when it is not one of ours. */
function offsetAt(container: HTMLElement, node: Node, offset: number, length: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const segment = node.parentElement?.closest("[data-offset]");
    if (segment && container.contains(segment)) return Number(segment.getAttribute("data-offset")) + offset;
    return null;
  }
  if (node === container) {
    const child = container.childNodes[offset];
    return child instanceof Element ? Number(child.getAttribute("data-offset")) : length;
  }
  if (node instanceof Element && node.hasAttribute("data-offset") && container.contains(node)) {
    const start = Number(node.getAttribute("data-offset"));
    return offset === 0 ? start : start + (node.textContent?.length ?? 0);
  }
  return null;
}

/**
 * The current selection as a span of the source text, clipped to the text
 * container (a drag may start or end outside it) and trimmed of surrounding
 * white space as the server will trim it. Null when nothing in the text is selected.
 */
export function selectedSpan(container: HTMLElement, text: string): TextSpan | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(container)) return null;
  const whole = document.createRange();
  whole.selectNodeContents(container);
  const start =
    range.compareBoundaryPoints(Range.START_TO_START, whole) <= 0
      ? 0
      : offsetAt(container, range.startContainer, range.startOffset, text.length);
  const end =
    range.compareBoundaryPoints(Range.END_TO_END, whole) >= 0
      ? text.length
      : offsetAt(container, range.endContainer, range.endOffset, text.length);
  if (start === null || end === null || end <= start) return null;
  const span = trimSpan(text, { startOffset: start, endOffset: end });
  return span.endOffset > span.startOffset ? span : null;
}

export function SourceText({
  text,
  language,
  segments,
  selectedId,
  describedBy,
  containerRef,
  onFocusSegment,
  onClickSegment,
  onOpenPanel,
}: {
  text: string;
  language: string;
  segments: TextSegment[];
  selectedId: string | null;
  /** The id of the hidden description of each statement, for screen readers. */
  describedBy: (statementId: string) => string;
  containerRef: RefObject<HTMLDivElement | null>;
  onFocusSegment: (segment: TextSegment) => void;
  /** `wasSelected`: the selected statement already covered the segment before this click, so the click asks for the next one. */
  onClickSegment: (segment: TextSegment, wasSelected: boolean) => void;
  onOpenPanel: () => void;
}) {
  // Read at pointer-down, before focusing the highlight selects its statement.
  const selectedBeforeClick = useRef(false);

  function handleKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpenPanel();
    }
  }

  return (
    // The language's own direction: Persian and Arabic run right to left, and the bidi algorithm places any Latin inside them.
    <div ref={containerRef} className={styles.sourceText} lang={language} dir={textDirection(language)} data-testid="original-text">
      {segments.map((segment) => {
        const content = text.slice(segment.startOffset, segment.endOffset);
        const extra = [segment.inSuggestion && styles.suggestion, segment.inDraft && styles.draft].filter(Boolean).join(" ");
        if (!segment.owner) {
          return (
            <span key={segment.startOffset} data-offset={segment.startOffset} className={extra || undefined}>
              {content}
            </span>
          );
        }
        const selected = selectedId !== null && segment.statementIds.includes(selectedId);
        const className = [
          styles.sourceMark,
          segment.statementIds.length > 1 && styles.sourceMarkOverlap,
          selected && styles.sourceMarkSelected,
          extra,
        ]
          .filter(Boolean)
          .join(" ");
        return (
          <mark
            key={segment.startOffset}
            data-offset={segment.startOffset}
            className={className}
            tabIndex={segment.isAnchor ? 0 : -1}
            data-anchor-for={segment.isAnchor ? segment.owner : undefined}
            aria-describedby={describedBy(segment.owner)}
            title={
              segment.statementIds.length > 1
                ? `${segment.statementIds.length} statements overlap here; click again for the next`
                : undefined
            }
            onPointerDown={() => {
              selectedBeforeClick.current = selected;
            }}
            onFocus={() => onFocusSegment(segment)}
            onClick={() => {
              // A drag that selected text is the start of a new statement, not a click on this one.
              if (window.getSelection()?.isCollapsed === false) return;
              onClickSegment(segment, selectedBeforeClick.current);
              selectedBeforeClick.current = false;
            }}
            onKeyDown={handleKeyDown}
          >
            {content}
          </mark>
        );
      })}
    </div>
  );
}
