// Alertmanager's routing and receivers from `monitoring.alerts`: every alert but the always-firing Watchdog
// goes to one receiver, `fleet`, with e-mail, Slack and/or a webhook. Credentials stay in a Secret made in
// the cluster: Alertmanager mounts it and reads each credential from its file (`*_file` settings).
import type { Resolved } from "../../../model/components";

type Alerts = NonNullable<Resolved<"monitoring">["alerts"]>;

/** Where the operator mounts each Secret of `alertmanagerSpec.secrets`. */
const secretFile = (secret: string, key: string) => `/etc/alertmanager/secrets/${secret}/${key}`;

function receiver(a: Alerts): Record<string, unknown> {
  const file = (key: string) => secretFile(a.secret, key);
  return {
    name: "fleet",
    ...(a.email
      ? {
          email_configs: [
            {
              to: a.email.to,
              from: a.email.from,
              smarthost: a.email.smarthost,
              ...(a.email.username ? { auth_username: a.email.username } : {}),
              ...(a.email.passwordKey ? { auth_password_file: file(a.email.passwordKey) } : {}),
              send_resolved: true,
            },
          ],
        }
      : {}),
    ...(a.slack ? { slack_configs: [{ channel: a.slack.channel, api_url_file: file(a.slack.urlKey), send_resolved: true }] } : {}),
    ...(a.webhook ? { webhook_configs: [{ url_file: file(a.webhook.urlKey), send_resolved: true }] } : {}),
  };
}

/**
 * kube-prometheus-stack values for Alertmanager: none without `alerts` (the chart's default routes every
 * alert to a receiver that sends nothing; a platform rule warns). Helm merges `config` over the chart's own,
 * so its grouping intervals and inhibit rules stay.
 */
export function alertmanagerValues(alerts: Alerts | undefined): Record<string, unknown> {
  if (!alerts) return {};
  const silent = (alertname: string) => ({ receiver: "null", matchers: [`alertname = "${alertname}"`] });
  return {
    config: {
      route: { receiver: "fleet", group_by: ["alertname", "namespace"], routes: [silent("Watchdog"), silent("InfoInhibitor")] },
      receivers: [{ name: "null" }, receiver(alerts)],
    },
    alertmanagerSpec: { secrets: [alerts.secret] },
  };
}
