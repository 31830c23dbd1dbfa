"use client";

import { useRef, useState, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { describeFailure, type Failure } from "../form-feedback";
import { sendJson, type JsonResponse } from "../json-request";

/** A form's values, keyed as the request body the schema checks (a text box holds a string even where the body wants a number). */
export type FormValues = Record<string, unknown>;

export type Conflict = { message: string; current: unknown };

/** Loads the route's schema when the form first needs it: `() => import("@/lib/scenarios/schemas").then((schemas) => schemas.scenarioSetSchema)`. */
export type SchemaLoader = () => Promise<z.ZodType>;

export type SchemaFormOptions<Values extends FormValues, Body> = {
  /**
   * The very schema the route handler reads the body with (lib/<domain>/schemas.ts), or, in a page's form, a loader of it:
   * zod and a domain's schemas are the largest script a form page runs, so a loader keeps them out of the page's first load.
   * The kit starts loading when a field first changes; a submit before it has arrived waits for it.
   */
  schema: z.ZodType | SchemaLoader;
  initialValues: Values;
  /** What each field is called in its label and in its error, "Title: must not be empty". */
  labels: Record<keyof Values & string, string>;
  /** Prefix of the controls' ids, e.g. "source" gives "source-title"; "" leaves the field's name as its id. */
  idPrefix: string;
  /** Where and how the body goes. */
  request: { method: "POST" | "PATCH"; url: string } | { send: (body: unknown) => Promise<JsonResponse<Body>> };
  /** The body sent, built from the values (e.g. "" to null, a percentage to a fraction). Defaults to the values. */
  toBody?: (values: Values) => unknown;
  /**
   * The form's own sentence for a field the schema refuses, for a control that is not the body's value
   * (a percentage box for a 0–1 probability) or a better instruction than the schema's general one.
   */
  messages?: Partial<Record<keyof Values & string, string>>;
  /**
   * Where a body nests what the form holds flat: the issue path → the field ("rule.windowDays" → "windowDays").
   * Paths not listed go to the field named by their first segment.
   */
  paths?: Record<string, keyof Values & string>;
  /** Checks of the form's own that the body's schema cannot make, such as a confirmation box matching: field → message. */
  check?: (values: Values) => Partial<Record<keyof Values & string, string>>;
  /** After a 2xx: navigate, refresh, reset. The form stays pending if this returns "keep-pending" (the page is about to change). */
  onSuccess: (body: Body, sent: unknown) => void | "keep-pending";
};

/**
 * The one way a form validates, submits and shows what the server refused:
 * the route's own zod schema checks the body before the round trip, 422 field
 * errors land beside their fields, and a 409 becomes `conflict` for the form
 * to show. Field components get their label, value, error and ids from `field`.
 */
export function useSchemaForm<Values extends FormValues, Body = unknown>(options: SchemaFormOptions<Values, Body>) {
  type Field = keyof Values & string;
  const { schema, initialValues, labels, idPrefix, request, toBody = (values: Values) => values, check, onSuccess } = options;
  const messages: Partial<Record<string, string>> = options.messages ?? {};
  const paths: Partial<Record<string, string>> = options.paths ?? {};
  const [values, setValues] = useState<Values>(initialValues);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [pending, setPending] = useState(false);
  // The session ended while the page was open: the form can offer to sign in again without losing the values.
  const [signedOut, setSignedOut] = useState(false);
  // What the last save did ("Saved (version 4)."), until the person starts on the next change.
  const [notice, setNotice] = useState<ReactNode>(null);

  // The loaded schema, or its load under way (which gives null if it fails: the server then checks alone, and the next submit loads again).
  const loadedSchema = useRef<z.ZodType | Promise<z.ZodType | null> | undefined>(undefined);
  // Set while a submit waits for the schema, so a second click does not send twice.
  const waitingForSchema = useRef(false);

  function currentSchema(): z.ZodType | Promise<z.ZodType | null> {
    if (typeof schema !== "function") return schema;
    loadedSchema.current ??= schema().then(
      (loaded) => (loadedSchema.current = loaded),
      () => {
        loadedSchema.current = undefined;
        return null;
      },
    );
    return loadedSchema.current;
  }

  const isField = (name: string): name is Field => name in labels;

  function setValue<Name extends Field>(name: Name, value: Values[Name]) {
    // The person has started on the form: fetch the schema now, so the submit finds it here.
    void currentSchema();
    setValues((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => ({ ...previous, [name]: undefined }));
    setNotice(null);
  }

  function show(failure: Failure) {
    // "movedByStatementIds.3" is the list's error: shown beside the list.
    const byField: Record<string, string> = {};
    for (const [path, message] of Object.entries(failure.fieldErrors)) {
      const field = paths[path] ?? path.split(".")[0] ?? path;
      byField[isField(field) ? field : path] ??= isField(field) ? (messages[field] ?? message) : message;
    }
    const placed = describeFailure({ ...failure, fieldErrors: byField }, isField);
    setErrors(placed.fieldErrors);
    setAlert(placed.alert);
  }

  /** Checks and sends the values (or the given ones, shown in the form from now on: a merge re-applied over a newer version). */
  async function submit(toSend: Values = values) {
    if (pending || waitingForSchema.current) return;
    if (toSend !== values) setValues(toSend);
    setAlert(null);
    setConflict(null);
    setSignedOut(false);
    setNotice(null);
    const body = toBody(toSend);
    // Checked at once when the schema is here (as it is once a field has changed), after its load otherwise.
    const schemaOrLoad = currentSchema();
    let bodySchema: z.ZodType | null;
    if (schemaOrLoad instanceof Promise) {
      waitingForSchema.current = true;
      bodySchema = await schemaOrLoad.finally(() => (waitingForSchema.current = false));
    } else bodySchema = schemaOrLoad;
    const checked = bodySchema?.safeParse(body);
    const fieldErrors: Record<string, string> = {};
    if (checked && !checked.success)
      for (const issue of checked.error.issues) fieldErrors[issue.path.join(".") || "body"] ??= issue.message;
    for (const [field, message] of Object.entries(check?.(toSend) ?? {})) if (message) fieldErrors[field] ??= message;
    if (Object.keys(fieldErrors).length > 0) {
      show({ ok: false, status: 422, error: "", fieldErrors });
      return;
    }
    setErrors({});
    setPending(true);
    // A form that does not post JSON to the API (sign-in goes through next-auth) passes its own `send`.
    const result = "send" in request ? await request.send(body) : await sendJson<Body>(request.method, request.url, body);
    if (result.ok) {
      if (onSuccess(result.body, body) !== "keep-pending") setPending(false);
      return;
    }
    setPending(false);
    setSignedOut(result.status === 401);
    if (result.status === 409) setConflict({ message: result.error, current: result.current });
    else show(result);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    return submit();
  }

  /** Everything a field component needs about one field. */
  function field<Name extends Field>(name: Name) {
    return {
      id: idPrefix ? `${idPrefix}-${name}` : name,
      label: labels[name],
      value: values[name],
      error: errors[name],
      onChange: (value: Values[Name]) => setValue(name, value),
    };
  }

  return {
    values,
    errors,
    alert,
    conflict,
    pending,
    signedOut,
    notice,
    /** Says what a save did, in the form's status line; it goes when a field changes or the form is sent again. */
    setNotice,
    setValue,
    field,
    handleSubmit,
    submit,
    /** Back to a blank form (or the given values) after a save that keeps the page. */
    reset: (next: Values = initialValues) => {
      setValues(next);
      setErrors({});
      setAlert(null);
      setConflict(null);
    },
  };
}
