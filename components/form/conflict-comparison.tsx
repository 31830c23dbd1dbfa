"use client";

import { useEffect, useRef, type ReactNode } from "react";
import styles from "./conflict-comparison.module.css";
import badgeStyles from "@/components/badge.module.css";

/** One row of the comparison: what the field is called and how a value of it reads. */
export type ComparedField<Values> = {
  name: keyof Values & string;
  label: string;
  /** How the value reads in the table; defaults to its text. */
  describe?: (values: Values) => ReactNode;
  /** Whether two values count as the same (the server trims text, say); defaults to ===. */
  same?: (a: Values, b: Values) => boolean;
  /** Long text, shown as prose. */
  prose?: boolean;
};

/** Whether a field holds the same value in both versions, as the comparison judges it. */
export function sameField<Values>(field: ComparedField<Values>, a: Values, b: Values): boolean {
  return field.same ? field.same(a, b) : a[field.name] === b[field.name];
}

/**
 * What a versioned form shows on a 409: the person's version beside the saved
 * one, field by field with the differences marked, and the form's own choices
 * (re-apply, discard, reload) as children. Focus moves to its heading when it
 * appears, so keyboard and screen-reader users land on it.
 */
export function ConflictComparison<Values>({
  id,
  title,
  message,
  fields,
  mine,
  mineHeading,
  saved,
  savedHeading,
  children,
}: {
  id: string;
  title: string;
  message: string;
  fields: readonly ComparedField<Values>[];
  mine: Values;
  mineHeading: string;
  saved: Values;
  savedHeading: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const describe = (field: ComparedField<Values>, values: Values) =>
    field.describe ? field.describe(values) : String(values[field.name] ?? "") || "(empty)";
  return (
    <div className={styles.conflict} role="region" aria-labelledby={`${id}-heading`}>
      <h3 className={styles.title} id={`${id}-heading`} tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <p className={styles.message}>{message}</p>
      <div className="table-scroll" tabIndex={0}>
        <table className={styles.comparison}>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">{mineHeading}</th>
              <th scope="col">{savedHeading}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const differs = !sameField(field, mine, saved);
              return (
                <tr key={field.name} className={differs ? styles.differs : undefined}>
                  <th scope="row">
                    {field.label}
                    {differs && <span className={badgeStyles.badge}>differs</span>}
                  </th>
                  <td className={field.prose ? "prose" : undefined}>{describe(field, mine)}</td>
                  <td className={field.prose ? "prose" : undefined}>{describe(field, saved)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form__actions">{children}</div>
    </div>
  );
}
