import type { RefObject } from "react";
import { textDirection } from "@/lib/sources/alignment";
import type { TextSpan } from "@/lib/sources/offsets";
import styles from "./parallel-text.module.css";
import sourceTextStyles from "./source-text.module.css";

// A source's translation beside its original, with the passage that renders
// the statement in hand marked. Like the original (source-text.tsx), every
// piece carries its start offset in data-offset, so a selection made here is
// read back as offsets into the translation: that is how an analyst chooses a
// different passage by hand.

export function TranslationText({
  text,
  language,
  passage,
  adjusted,
  containerRef,
}: {
  text: string;
  language: string;
  passage: TextSpan | null;
  /** The passage was chosen by hand rather than aligned. */
  adjusted: boolean;
  containerRef: RefObject<HTMLDivElement | null>;
}) {
  const pieces = passage
    ? [
        { start: 0, end: passage.startOffset, marked: false },
        { start: passage.startOffset, end: passage.endOffset, marked: true },
        { start: passage.endOffset, end: text.length, marked: false },
      ].filter((piece) => piece.end > piece.start)
    : [{ start: 0, end: text.length, marked: false }];
  return (
    <div
      ref={containerRef}
      className={sourceTextStyles.sourceText}
      lang={language}
      dir={textDirection(language)}
      data-testid="translation-text"
    >
      {pieces.map((piece) =>
        piece.marked ? (
          <mark
            key={piece.start}
            data-offset={piece.start}
            data-passage=""
            className={adjusted ? `${styles.passage} ${styles.passageAdjusted}` : styles.passage}
          >
            {text.slice(piece.start, piece.end)}
          </mark>
        ) : (
          <span key={piece.start} data-offset={piece.start}>
            {text.slice(piece.start, piece.end)}
          </span>
        ),
      )}
    </div>
  );
}

/** A quote in its own language and direction, isolated from the English around it. */
export function LanguageQuote({ text, language, className }: { text: string; language: string; className?: string }) {
  return (
    <span lang={language} dir={textDirection(language)} className={className ? `${styles.quote} ${className}` : styles.quote}>
      {text}
    </span>
  );
}

/** The translation passage shown under a statement's quote, in the panel and the queue. */
export function TranslationPassageBlock({ text, language }: { text: string; language: string }) {
  return (
    <div className={styles.translationBlock} data-testid="translation-passage">
      <span className={styles.translationLabel}>Translation ({language})</span>
      <blockquote className={`quote ${styles.translationQuote}`} lang={language} dir={textDirection(language)}>
        “{text}”
      </blockquote>
    </div>
  );
}
