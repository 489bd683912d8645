// The demo course a tenant may import (postrender/site.ts): Open edX's own, as Tutor 21's `importdemocourse`.

/** Tutor 21's default repository for `importdemocourse`. */
export const DEMO_COURSE_REPO = "https://github.com/openedx/openedx-demo-course";
/** The key of the course in that repository since its 2024 rewrite (demo-course/course/course.xml). */
export const DEMO_COURSE_KEY = "course-v1:OpenedX+DemoX+DemoCourse";
