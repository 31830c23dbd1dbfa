// A closed set of values (a Prisma enum, a status) is written once, as its
// labels: the values are the labels' keys, in the order they are listed, so a
// select's options, a schema's enum and a badge's words cannot drift apart.

/** The values of a labelled set, in the order its labels list them. */
export function valuesOf<Value extends string>(labels: Record<Value, unknown>): Value[] {
  return Object.keys(labels) as Value[];
}

/** A labelled set as a form's choices: `{ value, label }`, in the labels' order. */
export function choicesOf<Value extends string>(labels: Record<Value, string>): { value: Value; label: string }[] {
  return valuesOf(labels).map((value) => ({ value, label: labels[value] }));
}
