// Security: log out, and report a compromise (POST /v1/account/compromised revokes every key
// and session, this one included).
import { api, forgetSession } from "./api.js";
import { $, announce, developerPage, onSubmit } from "./ui.js";

developerPage(async () => {
  onSubmit($("[data-form='compromised']"), async () => {
    const report = await api("POST", "/v1/account/compromised", { body: {} });
    forgetSession();
    announce(`Revoked ${report.revokedApiKeys} API key(s) and ${report.revokedSessions} session(s).`);
    location.assign("/console/login/?reason=compromised");
  });
}).catch((error) => announce(error.message));
