// The API as the component tests fake it: fetch is the world outside a component, stubbed around each test, and
// its replies are written as the API writes them.
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi, type Mock } from "vitest";

/**
 * Stubs fetch around each test of the file, resetting `alsoReset` (the file's other mocks) before each, and
 * unmounts what the test rendered after it. Returns the stub.
 */
export function stubFetchForEachTest(...alsoReset: Mock[]): Mock {
  const fetchMock = vi.fn();
  beforeEach(() => {
    fetchMock.mockReset();
    for (const mock of alsoReset) mock.mockReset();
    vi.stubGlobal("fetch", fetchMock);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
  return fetchMock;
}

/** A JSON reply with this status. */
export function jsonReply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The JSON body of the `call`-th request the stub received. */
export function sentBody(fetchMock: Mock, call: number): Record<string, unknown> {
  return JSON.parse(String((fetchMock.mock.calls[call] as [string, RequestInit])[1].body)) as Record<string, unknown>;
}
