// Send a test SMS or call, then poll GET /v1/sms/{id} (or /v1/calls/{id}) every second until
// a final status, showing the status history as it grows.
import { api } from "./api.js";
import { $, $$, announce, developerPage, el, formatMoney, formatTime, onSubmit, show, statusBadge } from "./ui.js";

const FINAL = new Set(["delivered", "undelivered", "failed", "rejected", "completed", "busy", "no-answer"]);
const form = $("[data-form='send']");
const GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€";

function kind() {
  return $("input[name='kind']:checked", form).value;
}

function kindChanged() {
  const sms = kind() === "sms";
  for (const block of $$("[data-sms-only]", form)) show(block, sms);
  for (const block of $$("[data-call-only]", form)) show(block, !sms);
  for (const element of $$("[data-sms-only] textarea, [data-sms-only] input", form)) element.disabled = !sms;
  for (const element of $$("[data-call-only] textarea, [data-call-only] input", form)) element.disabled = sms;
  $("#send-body").required = sms;
  $("#send-tts").required = !sms;
}

/** The segment count as the platform bills it (SPEC: GSM-7 160/153, else 70/67; the signature counts). */
function countSegments() {
  const sign = $("#send-sign").value.trim();
  const text = (sign ? `【${sign}】` : "") + $("#send-body").value;
  let gsm = true;
  let units = 0;
  for (const character of text) {
    if (GSM.includes(character)) units += 1;
    else if (GSM_EXTENSION.includes(character)) units += 2;
    else gsm = false;
  }
  if (!gsm) units = Array.from(text).reduce((n, c) => n + (c.codePointAt(0) > 0xffff ? 2 : 1), 0);
  const [single, split] = gsm ? [160, 153] : [70, 67];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / split);
  $("[data-segments]").textContent = `${units} characters (${gsm ? "GSM-7" : "UCS-2"}): ${segments} segment${segments === 1 ? "" : "s"}, each billed.`;
}

function showSend(send) {
  $("[data-send-id]").textContent = send.id;
  $("[data-send-price]").textContent = formatMoney(send.price, send.currency) + (send.segments ? ` (${send.segments} segment${send.segments === 1 ? "" : "s"})` : "");
  const status = $("[data-send-status]");
  status.className = `status status-${send.status}`;
  status.textContent = send.status;
  const history = $("[data-send-history]");
  const shown = history.children.length;
  for (const change of send.history.slice(shown)) {
    history.append(
      el("li", {}, statusBadge(change.status), " ", el("time", { datetime: change.at }, formatTime(change.at, { seconds: true })), change.detail ? ` — ${change.detail}` : ""),
    );
  }
}

let polling = 0;

async function watch(path, first) {
  const run = ++polling;
  let send = first;
  showSend(send);
  while (!FINAL.has(send.status) && run === polling) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (run !== polling) return;
    send = await api("GET", path);
    showSend(send);
  }
  if (run === polling) {
    show($("[data-send-done]"), true);
    announce(`Final status: ${send.status}.`);
  }
}

developerPage(async () => {
  for (const radio of $$("input[name='kind']", form)) radio.addEventListener("change", kindChanged);
  $("#send-body").addEventListener("input", countSegments);
  $("#send-sign").addEventListener("input", countSegments);
  kindChanged();
  countSegments();
  onSubmit(form, async (values) => {
    const sms = values.kind === "sms";
    const body = sms
      ? { to: values.to, body: $("#send-body").value, sign: values.sign }
      : { to: values.to, tts: $("#send-tts").value, estimatedMinutes: Number(values.estimatedMinutes || 1) };
    const send = await api("POST", sms ? "/v1/sms" : "/v1/calls", { body, idempotent: true });
    const result = $("[data-send-result]");
    $("[data-send-history]").replaceChildren();
    show($("[data-send-done]"), false);
    show(result, true);
    announce(`${sms ? "SMS" : "Call"} ${send.id} is ${send.status}.`);
    watch(`/v1/${sms ? "sms" : "calls"}/${encodeURIComponent(send.id)}`, send).catch((error) => announce(error.message));
  });
}).catch((error) => announce(error.message));
