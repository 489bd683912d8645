// The tenant's site settings as init hooks after Tutor's own (and the admins'): the comprehensive theme of its
// hosts (Tutor's `settheme`, made idempotent) and the demo course (Tutor's `importdemocourse`, run only while
// the course is missing, so a re-sync never imports it again over edits).
import { DEMO_COURSE_KEY, DEMO_COURSE_REPO } from "../model/site";
import { DemoCourseRef, ThemeName } from "../schema/site";
import { PostRenderError, type InitTask, type RenderContext } from "./types";

// The scripts put these values inside a double-quoted shell word and single-quoted Python strings: the schema
// admits none of `"`, `'`, `$`, `` ` ``, `\`; this re-checks what render.json holds.
function plain(what: string, s: string, ok: boolean): string {
  if (!ok || !/^[A-Za-z0-9._/:+-]+$/.test(s)) throw new PostRenderError([`${what} ${JSON.stringify(s)} is not a plain name; it would be written into a hook's script`]);
  return s;
}

/** Tutor 21's `settheme` (commands/jobs_utils.py), changing the database only when the theme differs. */
export function themeTasks(ctx: RenderContext): InitTask[] {
  if (!ctx.theme) return [];
  const name = plain("theme", ctx.theme.name, ThemeName.safeParse(ctx.theme.name).success);
  const calls = ctx.theme.domains.map((d) => `set_theme('${name}', '${plain("host", d, /^[a-z0-9.-]{1,100}$/.test(d))}')`);
  const script = `./manage.py lms shell -c "
from django.contrib.sites.models import Site
def set_theme(name, domain):
    site, _ = Site.objects.get_or_create(domain=domain)
    if not site.name:
        site.name = domain[:Site._meta.get_field('name').max_length]
        site.save()
    wanted = [] if name == 'default' else [name]
    if sorted(site.themes.values_list('theme_dir_name', flat=True)) != wanted:
        site.themes.all().delete()
        for n in wanted:
            site.themes.create(theme_dir_name=n)
    print('theme of', domain, 'is', name)
${calls.join("\n")}
"
`;
  return [{ contexts: ["app:fleet-theme"], service: "lms", script }];
}

/** Tutor 21's `importdemocourse` (commands/jobs.py), skipped when the course exists. */
export function demoCourseTasks(ctx: RenderContext): InitTask[] {
  if (!ctx.demoCourse) return [];
  const wanted = ctx.demoCourse.ref ?? ctx.openedxVersion;
  if (wanted === undefined) throw new PostRenderError(["the demo course has no revision: neither a pinned `demoCourse.ref` nor Tutor's OPENEDX_COMMON_VERSION"]);
  const ref = plain("demo course revision", wanted, DemoCourseRef.safeParse(wanted).success);
  const has = `./manage.py cms shell -c "
import sys
from opaque_keys.edx.keys import CourseKey
from xmodule.modulestore.django import modulestore
sys.exit(0 if modulestore().has_course(CourseKey.from_string('${DEMO_COURSE_KEY}')) else 3)
"`;
  const script = `status=0
${has} || status=$?
if [ "$status" = 0 ]; then echo "INFO: ${DEMO_COURSE_KEY} exists: nothing to import"; exit 0; fi
if [ "$status" != 3 ]; then echo "ERROR: could not tell whether ${DEMO_COURSE_KEY} exists" >&2; exit "$status"; fi
course="\${TMPDIR:-/tmp}/demo-course"
rm -rf "$course"
git clone ${DEMO_COURSE_REPO} --branch '${ref}' --depth 1 "$course"
course_xml="$(find "$course" -name course.xml)"
if [ "$(printf '%s\\n' "$course_xml" | grep -c .)" != 1 ]; then echo "ERROR: expected one course.xml at ${ref}, found: $course_xml" >&2; exit 1; fi
python ./manage.py cms import ../data "$(dirname "$course_xml")"
rm -rf "$course"
status=0
${has} || status=$?
if [ "$status" != 0 ]; then echo "ERROR: the course imported from ${ref} is not ${DEMO_COURSE_KEY}; pin a demoCourse.ref whose course has that key" >&2; exit 1; fi
echo "INFO: imported ${DEMO_COURSE_KEY} from ${ref}"
`;
  return [{ contexts: ["app:fleet-demo-course"], service: "cms", script }];
}
