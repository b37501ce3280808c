// Log in: POST /v1/sessions; the session token is kept (localStorage) and the developer goes
// back to the page that asked for it, or to the overview.
import { api, saveSession, sessionToken } from "./api.js";
import { $, onSubmit } from "./ui.js";

const form = $('[data-form="login"]');
const params = new URLSearchParams(location.search);
const messages = {
  registered: "Your account is open. Log in to continue.",
  "logged-out": "You are logged out.",
  compromised: "Every key and session of your account was revoked. Log in again and create new keys.",
};
$("[data-login-message]").textContent = messages[params.get("reason")] || (sessionToken() ? "You are logged in already; logging in again starts a new session." : "");
if (params.get("email")) $("#login-email").value = params.get("email");
($("#login-email").value ? $("#login-password") : $("#login-email")).focus();

/** Only a console page of this site: never an address elsewhere. */
function nextPage() {
  const next = params.get("next") || "";
  return /^\/console\/[A-Za-z0-9/_?=&.%-]*$/.test(next) && !next.startsWith("//") ? next : "/console/";
}

onSubmit(form, async (values) => {
  const session = await api("POST", "/v1/sessions", {
    auth: "none",
    body: { email: values.email, password: $("#login-password").value },
  });
  saveSession(session.token);
  location.assign(nextPage());
});
