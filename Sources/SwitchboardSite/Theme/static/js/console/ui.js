// Small DOM helpers shared by the console's pages: building elements as text (never as HTML),
// forms with their errors next to the field concerned, the log-in gate and formatting.

import { api, ApiError, forgetSession, sessionToken } from "./api.js";

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** An element with attributes (`class`, `data-*`, properties for `on*`) and text or element children. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function show(element, visible = true) {
  if (element) element.hidden = !visible;
}

/** Says something in the page's polite live region. */
export function announce(message) {
  const region = $("[data-console-message]");
  if (region) region.textContent = message || "";
}

// MARK: Formatting

/** `2026-11-27 03:00:01 UTC` from an RFC 3339 time. */
export function formatTime(iso, { seconds = false } = {}) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString().replace("T", " ");
  return (seconds ? text.slice(0, 19) : text.slice(0, 16)) + " UTC";
}

export function formatDate(iso) {
  return iso ? new Date(iso).toISOString().slice(0, 10) : "";
}

/** `CNY 12.5000` → `12.50 CNY`: at least two decimals, more only when they are not zero. */
export function formatMoney(amount, currency = "") {
  if (amount === undefined || amount === null) return "";
  let text = String(amount);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match) {
    let decimals = (match[3] || "").replace(/0+$/, "");
    if (decimals.length < 2) decimals = decimals.padEnd(2, "0");
    text = `${match[1]}${match[2]}.${decimals}`;
  }
  return currency ? `${text} ${currency}` : text;
}

/** `1 segment`, `2 segments`, `3 queries`. */
export function plural(count, unit) {
  if (count === 1) return `${count} ${unit}`;
  return `${count} ${/[^aeiou]y$/.test(unit) ? unit.slice(0, -1) + "ies" : unit + "s"}`;
}

/** A status as a small labelled badge (colour is never the only signal: the word is there). */
export function statusBadge(status) {
  return el("span", { class: `status status-${status}` }, status);
}

// MARK: Forms

/** The form's fields as an object; checkboxes as booleans, empty strings left out. */
export function formValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled) continue;
    if (element.type === "checkbox") values[element.name] = element.checked;
    else if (element.type === "radio") {
      if (element.checked) values[element.name] = element.value;
    } else if (element.type === "submit" || element.tagName === "BUTTON") continue;
    else if (element.value.trim() !== "") values[element.name] = element.value.trim();
  }
  return values;
}

function fieldElements(form, field) {
  return $$(`[name="${CSS.escape(field)}"]`, form);
}

export function clearErrors(form) {
  for (const message of $$("[data-error-for]", form)) message.textContent = "";
  for (const element of $$("[aria-invalid]", form)) element.removeAttribute("aria-invalid");
  const summary = $("[data-form-error]", form);
  if (summary) summary.textContent = "";
}

/**
 * Shows an error: next to the field it names (aria-invalid, its message in the element the
 * field's aria-describedby points to), and in words at the top of the form.
 */
export function showError(form, error, { focus = true } = {}) {
  const summary = $("[data-form-error]", form);
  const field = error instanceof ApiError || error?.field ? error.field : null;
  const message = error?.message || String(error);
  const slot = field ? $(`[data-error-for="${CSS.escape(field)}"]`, form) : null;
  if (slot) {
    slot.textContent = message;
    const elements = fieldElements(form, field);
    for (const element of elements) element.setAttribute("aria-invalid", "true");
    if (summary) summary.textContent = "Please check the field marked below.";
    if (focus && elements[0]) elements[0].focus();
  } else if (summary) {
    summary.textContent = message;
  }
}

/** The browser's own checks, with each message shown next to its field; false when any fails. */
export function validate(form) {
  clearErrors(form);
  let first = null;
  for (const element of form.elements) {
    if (!element.willValidate || element.checkValidity()) continue;
    const slot = $(`[data-error-for="${CSS.escape(element.name)}"]`, form);
    if (slot && !slot.textContent) slot.textContent = element.validationMessage;
    element.setAttribute("aria-invalid", "true");
    first = first || element;
  }
  if (first) {
    const summary = $("[data-form-error]", form);
    if (summary) summary.textContent = "Please check the field marked below.";
    first.focus();
    return false;
  }
  return true;
}

/**
 * Handles a form's submit: validation, buttons disabled while `action` runs, and any error
 * shown next to its field. `action(values, submitter)` may return a promise.
 */
export function onSubmit(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!validate(form)) return;
    const buttons = $$("button", form);
    for (const button of buttons) button.disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      await action(formValues(form), event.submitter);
    } catch (error) {
      showError(form, error);
      if (!(error instanceof ApiError)) console.warn(error);
    } finally {
      for (const button of buttons) button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
}

// MARK: Pages

function showGate(reason) {
  const gate = $("[data-gate]");
  const body = $("[data-console-body]");
  show(body, false);
  show(gate, true);
  for (const element of $$("[data-session-only]")) show(element, false);
  if (reason) $("[data-gate-reason]").textContent = reason;
  const link = $("[data-login-link]");
  if (link) link.href = "/console/login/?next=" + encodeURIComponent(location.pathname + location.search);
}

/** Logs out (ends the session on the server when it can) and goes to the log-in page. */
export async function logOut() {
  try {
    if (sessionToken()) await api("DELETE", "/v1/sessions/current");
  } catch {
    // An expired session is as good as ended.
  }
  forgetSession();
  location.assign("/console/login/?reason=logged-out");
}

/**
 * Starts a developer page: the log-in prompt when there is no session, otherwise the page's
 * body, the account's name and the log-out buttons, then `ready(account)`.
 */
export async function developerPage(ready) {
  document.addEventListener("console:session-ended", () =>
    showGate("Your session has ended: it expired, was logged out or was revoked. Log in again."),
  );
  for (const button of $$("[data-logout]")) button.addEventListener("click", logOut);
  if (!sessionToken()) {
    showGate();
    return;
  }
  show($("[data-gate]"), false);
  show($("[data-console-body]"), true);
  let account;
  try {
    account = await api("GET", "/v1/account");
  } catch (error) {
    if (error.status !== 401) announce(error.message);
    return;
  }
  $("[data-account-name]").textContent = account.name + " · " + account.email;
  for (const element of $$("[data-session-only]")) show(element, true);
  if (account.status !== "active") {
    announce(`This account is ${account.status}: sends are refused until the operator resumes it.`);
  }
  await ready(account);
}

/** A table row of cells; a cell is text, a node, or `{num: value}` for a right-aligned number. */
export function row(...cells) {
  return el(
    "tr",
    {},
    cells.map((cell, index) => {
      if (cell && typeof cell === "object" && !(cell instanceof Node) && "num" in cell) {
        return el("td", { class: "num" }, cell.num);
      }
      return index === 0 && cell && cell.th ? el("th", { scope: "row" }, cell.th) : el("td", {}, cell);
    }),
  );
}

/** Replaces a table body's rows, showing its wrapper when there are rows and `empty` when not. */
export function fillTable(body, rows, { wrap, empty } = {}) {
  body.replaceChildren(...rows);
  if (wrap) show(wrap, rows.length > 0);
  if (empty) show(empty, rows.length === 0);
}
