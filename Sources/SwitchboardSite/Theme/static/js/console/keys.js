// API keys: create (the key shown once, with a copy button), list, revoke.
import { api } from "./api.js";
import { $, announce, developerPage, el, fillTable, formatTime, onSubmit, row, show } from "./ui.js";

async function load() {
  const keys = await api("GET", "/v1/api-keys");
  const rows = keys.data.map((key) =>
    row(
      { th: el("code", {}, key.prefix + "…") },
      el("code", {}, key.id),
      formatTime(key.createdAt),
      el(
        "button",
        {
          type: "button",
          class: "button secondary",
          "aria-label": `Revoke the key ${key.prefix}…`,
          onclick: (event) => revoke(key, event.currentTarget),
        },
        "Revoke",
      ),
    ),
  );
  fillTable($("[data-keys]"), rows, { wrap: $("[data-keys-wrap]"), empty: $("[data-keys-empty]") });
}

async function revoke(key, button) {
  if (!confirm(`Revoke the key ${key.prefix}…? Programs using it stop working at once.`)) return;
  button.disabled = true;
  try {
    await api("DELETE", `/v1/api-keys/${encodeURIComponent(key.id)}`);
    announce(`The key ${key.prefix}… is revoked.`);
    await load();
    $("[data-form='create-key'] button").focus();
  } catch (error) {
    button.disabled = false;
    announce(error.message);
  }
}

const panel = $("[data-new-key]");
const secret = $("[data-new-key-value]");

$("[data-copy-key]").addEventListener("click", async () => {
  const state = $("[data-copy-state]");
  try {
    await navigator.clipboard.writeText(secret.textContent);
    state.textContent = "Copied.";
  } catch {
    // No clipboard access (an insecure origin): select the key for the person to copy.
    const range = document.createRange();
    range.selectNodeContents(secret);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    state.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
  }
});

developerPage(async () => {
  onSubmit($("[data-form='create-key']"), async () => {
    const key = await api("POST", "/v1/api-keys");
    secret.textContent = key.key;
    $("[data-copy-state]").textContent = "";
    show(panel, true);
    panel.focus();
    await load();
  });
  await load();
}).catch((error) => announce(error.message));
