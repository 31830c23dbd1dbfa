// Value formatting shared by the CSV and JSON Lines writers, so both spell numbers the same way.

/** A whole number in plain digits, never with an exponent (String(1e21) is "1e+21"). */
export function formatInteger(value: number, field: string): string {
  if (!Number.isInteger(value)) throw new RangeError(`${field} must be a whole number to be exported; got ${value}`);
  return BigInt(value).toString();
}

/** Strips the UTF-8 byte order mark some editors and spreadsheets put at the start of a file. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}
