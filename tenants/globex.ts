import { defineTenant, type TenantInput } from "../compiler/api";
import { standardPlugins } from "../platform/presets";

// A corporate academy on its own domain, French by default, with a custom image and its own search.
const smtpRelay = "smtp.globex.com";

export default defineTenant({
  id: "globex",
  wave: 0, // canary: upgraded first
  release: "ulmo",
  hosts: {
    lms: "academy.globex.com",
    cms: "studio.academy.globex.com",
    extra: ["learn.globex.com"],
  },
  platformName: "Globex Academy",
  contactEmail: `learning@globex.com`,
  language: "fr",
  size: { preset: "medium", lms: { replicas: { max: 6 } } },
  plugins: [...standardPlugins],
  admins: ["learning-admin@globex.com", "it.ops@globex.com"],
  image: { registry: "ghcr.io", repository: "globex/openedx", tag: "21.0.8-globex.4" },
  services: { mysql: "shared", mongodb: "shared", redis: "shared", search: "dedicated" },
  labels: { team: "corporate-learning", costCentre: "cc-4711" },
  // its own relay; the password is the Secret `tenant-mail-globex` in namespace platform-credentials, never in git
  mail: { host: smtpRelay, port: 587, security: "starttls", username: "academy", addresses: ["198.51.100.7/32"] },
  tutor: {
    OPENEDX_LMS_UWSGI_WORKERS: 4,
  },
} satisfies TenantInput);
