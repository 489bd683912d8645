// The tenant's administrators (`admins` in its tenant file), created or updated on every sync by an init hook:
// Open edX's own `manage_user` keeps an existing user (and the password they chose) and sets the staff and
// superuser bits; a new user gets a random password generated in the pod and shown to nobody, so each admin
// sets theirs with the site's password reset mail. No password is in git, in a Secret or in a log.
import type { InitTask, RenderContext } from "./types";

/** The user name of an admin: the part of the address before the @ (the schema keeps them distinct). */
export const adminUsername = (email: string) => email.split("@")[0]!;

// the schema admits only [a-z0-9._+-@] in an address: single quotes cannot be closed from inside
const quote = (s: string) => {
  if (!/^[a-z0-9._+@-]+$/.test(s)) throw new Error(`internal: admin address ${JSON.stringify(s)} escaped the schema`);
  return `'${s}'`;
};

export function adminTasks(ctx: RenderContext): InitTask[] {
  const admins = ctx.admins ?? [];
  if (admins.length === 0) return [];
  const lines = admins.map((email) => `./manage.py lms manage_user ${quote(adminUsername(email))} ${quote(email)} --staff --superuser`);
  return [{ contexts: ["app:fleet-admins"], service: "lms", script: `${lines.join("\n")}\n` }];
}
