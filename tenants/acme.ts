import { defineTenant } from "../compiler/api";
import { standardPlugins } from "../platform/presets";

// The smallest useful tenant: everything else comes from platform defaults.
export default defineTenant({
  id: "acme",
  release: "ulmo",
  hosts: { lms: "learn.acme.example.org" },
  platformName: "Acme Academy",
  contactEmail: "ops@acme.example.org",
  size: "small",
  plugins: [...standardPlugins],
  // created as staff and superuser by a hook; each sets a password with the site's "forgot password" mail
  admins: ["ops@acme.example.org"],
  // the theme of its LMS, Studio and MFE hosts, and Open edX's demo course imported once (docs/operator/theme-and-demo-course.md)
  theme: "indigo",
  demoCourse: true,
});
