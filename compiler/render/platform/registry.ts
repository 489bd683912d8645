// Every shared component the compiler can deploy, in the order their Applications are listed.
import type { ComponentDef } from "./component";
import { echo } from "./components/echo";
import { mariadbOperator } from "./components/mariadb-operator";
import { meilisearch } from "./components/meilisearch";
import { metricsServer } from "./components/metrics-server";
import { mongodb } from "./components/mongodb";
import { mysql } from "./components/mysql";
import { psmdbOperator } from "./components/psmdb-operator";
import { redis } from "./components/redis";

export const COMPONENTS: readonly ComponentDef[] = [metricsServer, echo, mariadbOperator, mysql, psmdbOperator, mongodb, redis, meilisearch];
