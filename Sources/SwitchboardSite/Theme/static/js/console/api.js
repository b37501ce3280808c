// The console's one door to the same-origin API: fetch with the bearer token, JSON in and
// out, and every failure turned into an ApiError carrying the API's code, message and field.
//
// What is kept where: the developer's session token (sess_…) in localStorage, so that a
// login survives a reload and new tabs, and nothing else. The operator's admin token lives
// in sessionStorage for this tab only; API keys are shown once and never stored.

const SESSION_KEY = "switchboard.console.session";
const ADMIN_KEY = "switchboard.console.admin";

/** An error answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field || null;
  }
}

export function sessionToken() {
  try {
    return localStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

export function saveSession(token) {
  localStorage.setItem(SESSION_KEY, token);
}

export function forgetSession() {
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage refused (private mode): there was nothing to forget.
  }
}

export function adminToken() {
  try {
    return sessionStorage.getItem(ADMIN_KEY);
  } catch {
    return null;
  }
}

export function saveAdminToken(token) {
  sessionStorage.setItem(ADMIN_KEY, token);
}

export function forgetAdminToken() {
  try {
    sessionStorage.removeItem(ADMIN_KEY);
  } catch {
    // Nothing stored.
  }
}

/** A fresh Idempotency-Key for a POST that creates something (works without a secure context). */
export function idempotencyKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return "console-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? "?" + text : "";
}

/**
 * Calls the API. Options: body (sent as JSON), auth ("session" by default, "admin" or "none"),
 * idempotent (adds an Idempotency-Key), accept ("application/json" or "text/csv").
 * Resolves with the parsed JSON (or the text for CSV); rejects with an ApiError.
 */
export async function api(method, path, options = {}) {
  const { body, auth = "session", idempotent = false, accept = "application/json" } = options;
  const headers = { Accept: accept };
  const token = auth === "session" ? sessionToken() : auth === "admin" ? adminToken() : null;
  if (auth !== "none") {
    if (!token) {
      throw new ApiError(401, "authentication_required", auth === "admin" ? "Enter the admin token first." : "Log in first.");
    }
    headers.Authorization = "Bearer " + token;
  }
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotent) headers["Idempotency-Key"] = idempotencyKey();
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "network_error", "The server could not be reached. Check your connection and try again.");
  }
  const type = response.headers.get("Content-Type") || "";
  if (response.ok) {
    if (response.status === 204) return null;
    if (type.includes("application/json")) return response.json();
    return response.text();
  }
  let detail = null;
  if (type.includes("application/json")) {
    try {
      detail = (await response.json()).error;
    } catch {
      detail = null;
    }
  }
  const retry = response.headers.get("Retry-After");
  let message = detail?.message || `The server answered ${response.status} ${response.statusText}.`;
  if (retry && (response.status === 429 || response.status === 503)) message += ` Try again in ${retry} s.`;
  const error = new ApiError(response.status, detail?.code || "http_" + response.status, message, detail?.field);
  if (response.status === 401 && auth === "session") {
    forgetSession();
    document.dispatchEvent(new CustomEvent("console:session-ended", { detail: error }));
  }
  if (response.status === 401 && auth === "admin") {
    forgetAdminToken();
    document.dispatchEvent(new CustomEvent("console:admin-refused", { detail: error }));
  }
  return Promise.reject(error);
}

/** Every item of a paged list (`{data, hasMore}`), following `startingAfter`, at most `max`. */
export async function listAll(path, params = {}, options = {}, max = 1000) {
  const items = [];
  let after;
  for (;;) {
    const page = await api("GET", path + query({ ...params, limit: 100, startingAfter: after }), options);
    items.push(...page.data);
    if (!page.hasMore || page.data.length === 0 || items.length >= max) return items;
    after = page.data[page.data.length - 1].id;
  }
}
