// Signs in through next-auth's real credentials endpoint and keeps the cookies,
// so HTTP tests exercise the same path as the browser.

export type HttpSession = {
  cookie: string;
  cookies: { name: string; value: string }[];
  request(path: string, init?: RequestInit): Promise<Response>;
};

function collectCookies(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const separator = pair!.indexOf("=");
    jar.set(pair!.slice(0, separator), pair!.slice(separator + 1));
  }
}

function sessionFrom(appUrl: string, jar: Map<string, string>): HttpSession {
  const cookie = [...jar.entries()].map(([name, value]) => `${name}=${value}`).join("; ");
  return {
    cookie,
    cookies: [...jar.entries()].map(([name, value]) => ({ name, value })),
    request: (path, init = {}) =>
      fetch(`${appUrl}${path}`, {
        ...init,
        redirect: "manual",
        headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) },
      }),
  };
}

export function anonymousSession(appUrl: string): HttpSession {
  return sessionFrom(appUrl, new Map());
}

/** Signs in; resolves with the session, or rejects with next-auth's error message. */
export async function signInOverHttp(
  appUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${appUrl}/api/auth/csrf`, { headers });
  collectCookies(csrfResponse, jar);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...jar.entries()].map(([name, value]) => `${name}=${value}`).join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  collectCookies(response, jar);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    const location = response.headers.get("location") ?? "";
    const error = new URL(location, appUrl).searchParams.get("error");
    throw new Error(error ?? `sign-in failed with status ${response.status}`);
  }
  return sessionFrom(appUrl, jar);
}
