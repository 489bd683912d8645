// Shared values tenant files may import by name: `import { standardPlugins } from "../platform/presets";`.
// Read statically like tenant files: literals and consts only.

/** A complete site: the micro-frontends (login, dashboard, courseware), the discussion forum and the theme.
 * `npm run tenant:new` gives new tenants these. Autoscaling needs no plugin: every tenant scales as its size says. */
export const standardPlugins = ["mfe", "forum", "indigo"] as const;

/** Settings for tenants whose image is built by the university build pipeline. */
export const universityTutor = {
  OPENEDX_LMS_UWSGI_WORKERS: 4,
  OPENEDX_CMS_UWSGI_WORKERS: 2,
} as const;
