// Every shared component the compiler can deploy, in the order their Applications are listed.
import type { ComponentDef } from "./component";
import { echo } from "./components/echo";
import { metricsServer } from "./components/metrics-server";

export const COMPONENTS: readonly ComponentDef[] = [metricsServer, echo];
