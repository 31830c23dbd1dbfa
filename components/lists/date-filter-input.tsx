"use client";

import { useState } from "react";
import { formatDateFieldValue } from "../format";
import styles from "./list-controls.module.css";

/**
 * A list's date filter: the browser's date picker, with the chosen date beside
 * it as the app writes dates ("28 Oct 2024"), updated as it changes and read
 * out with the field. A client leaf only for that live readout; the form stays
 * a plain GET form.
 */
export function DateFilterInput({ id, name, defaultValue }: { id: string; name: string; defaultValue: string }) {
  const [value, setValue] = useState(defaultValue);
  const readout = formatDateFieldValue(value);
  const readoutId = `${id}-as-written`;
  return (
    <>
      <input
        id={id}
        type="date"
        name={name}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-describedby={readout ? readoutId : undefined}
        className={styles.control}
      />
      <span id={readoutId} className={styles.hint}>
        {readout}
      </span>
    </>
  );
}
