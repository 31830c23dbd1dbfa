"use client";

import Link from "@/components/link";
import { useState, type ReactNode } from "react";
import type { EventView } from "@/lib/data/events";
import { eventKindLabels, ploverTypeLabels } from "@/lib/events/labels";
import type { CheckboxListOption } from "../checkbox-list";
import { formatSaidOn } from "../format";
import { EventForm } from "./event-form";
import styles from "./events.module.css";

/**
 * A page of events; analysts add one above the list and correct each in place.
 * The page gives the heading and the pager (`children`, under the list): paging
 * and filtering live in the URL, not here.
 */
export function EventList({
  events,
  canEdit,
  actors,
  sources,
  heading,
  emptyText,
  children,
}: {
  events: EventView[];
  canEdit: boolean;
  actors: CheckboxListOption[];
  sources: CheckboxListOption[];
  heading: string;
  emptyText: string;
  children?: ReactNode;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState("");

  return (
    <div className="stack">
      <p className="form__status" role="status">
        {status}
      </p>
      {canEdit && (
        <section className="card" aria-labelledby="new-event-heading">
          <h2 className="card__title" id="new-event-heading">
            New event
          </h2>
          {adding ? (
            <EventForm
              event={null}
              actors={actors}
              sources={sources}
              onDone={(message) => {
                setStatus(message);
                setAdding(false);
              }}
            />
          ) : (
            <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
              Add an event…
            </button>
          )}
        </section>
      )}
      <section className="card" aria-labelledby="events-heading">
        <h2 className="card__title" id="events-heading">
          {heading}
        </h2>
        {events.length === 0 ? (
          <p className="muted">{emptyText}</p>
        ) : (
          <ul className={styles.list}>
            {events.map((event) => (
              <li key={event.id} className={styles.item}>
                {editing === event.id ? (
                  <EventForm
                    key={`${event.id}-${event.version}`}
                    event={event}
                    actors={actors}
                    sources={sources}
                    onDone={(message) => {
                      setStatus(message);
                      setEditing(null);
                    }}
                  />
                ) : (
                  <>
                    <div className={styles.heading}>
                      <h3 className={styles.title}>{event.title}</h3>
                      {canEdit && (
                        <button type="button" className="button button--small" onClick={() => setEditing(event.id)}>
                          Edit<span className="visually-hidden"> {event.title}</span>
                        </button>
                      )}
                    </div>
                    <p className="cell-meta">
                      <time dateTime={event.occurredOn}>{formatSaidOn(event.occurredOn, event.datePrecision)}</time> ·{" "}
                      {eventKindLabels[event.kind]}
                      {event.ploverType && <> · PLOVER {ploverTypeLabels[event.ploverType].split(" — ")[0]}</>}
                    </p>
                    <p className={`prose ${styles.description}`}>{event.description}</p>
                    {(event.actors.length > 0 || event.sources.length > 0) && (
                      <p className="cell-meta">
                        {event.actors.length > 0 && <>Involves {event.actors.map((actor) => actor.name).join(", ")}. </>}
                        {event.sources.length > 0 && (
                          <>
                            Reported in{" "}
                            {event.sources.map((source, index) => (
                              <span key={source.id}>
                                {index > 0 && ", "}
                                <Link href={`/sources/${encodeURIComponent(source.id)}`}>{source.title}</Link>
                              </span>
                            ))}
                            .
                          </>
                        )}
                      </p>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {children}
      </section>
    </div>
  );
}
