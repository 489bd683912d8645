import { defineTenant } from "../compiler/api";
import { universityTutor } from "../platform/presets";

// A large university in maintenance for a data migration: its site shows a maintenance page, data is kept.
export default defineTenant({
  id: "initech",
  state: "maintenance",
  wave: 2,
  release: "ulmo",
  hosts: { lms: "courses.initech.example.edu", mfe: "apps.courses.initech.example.edu" },
  platformName: "Initech University",
  contactEmail: "helpdesk@initech.example.edu",
  language: "en",
  size: {
    preset: "large",
    lmsWorker: { replicas: { min: 3, max: 8 } },
    cms: { requests: { memory: "3Gi" } },
  },
  plugins: ["mfe", "forum", "indigo"],
  services: { mysql: "dedicated", mongodb: "shared", redis: "dedicated", search: "shared" },
  labels: { team: "higher-ed", costCentre: "cc-1001" },
  tutor: { ...universityTutor },
});
