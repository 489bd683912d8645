// Provisioning Jobs of our own (MongoDB users, Meilisearch keys): idempotent, re-run by Argo CD after every
// sync of their Application, restricted pod security, credentials only from Secrets of their own namespace.
import type { V1EnvVar, V1Job, V1Volume, V1VolumeMount } from "@kubernetes/client-node";
import { deepFreeze, type KubeObject } from "../objects";

export interface JobSpec {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  image: string;
  /** A POSIX shell script; values come from `env`, never from the script text. */
  script: string;
  env: V1EnvVar[];
}

export const secretEnv = (name: string, secret: string, key: string): V1EnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

// the parts every provisioning Job shares, made once (written, never changed)
const HOOK = deepFreeze({ "argocd.argoproj.io/hook": "PostSync", "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation" });
const POD_SECURITY = deepFreeze({ runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } });
const VOLUMES: V1Volume[] = deepFreeze([{ name: "tmp", emptyDir: { sizeLimit: "16Mi" } }]);
const RESOURCES = deepFreeze({ requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } });
const CONTAINER_SECURITY = deepFreeze({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
const MOUNTS: V1VolumeMount[] = deepFreeze([{ name: "tmp", mountPath: "/tmp" }]);

// the command of each script (a literal block, laid out by the writer at each write) and the first variable, made once
const commands = new Map<string, string[]>();
const commandOf = (script: string) => {
  let c = commands.get(script);
  if (!c) commands.set(script, (c = deepFreeze(["/bin/sh", "-ec", script])));
  return c;
};
const HOME = deepFreeze({ name: "HOME", value: "/tmp" });

export function provisioningJob(spec: JobSpec): V1Job & KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: spec.labels,
      // re-created after each sync: the script converges on the declared state whatever ran before
      annotations: HOOK,
    },
    spec: {
      backoffLimit: 10,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: spec.labels },
        spec: {
          restartPolicy: "OnFailure",
          automountServiceAccountToken: false,
          securityContext: POD_SECURITY,
          volumes: VOLUMES,
          containers: [
            {
              name: "provision",
              image: spec.image,
              command: commandOf(spec.script),
              // the root filesystem is read-only: tools that keep state under $HOME (mongosh) get /tmp
              env: [HOME, ...spec.env],
              resources: RESOURCES,
              securityContext: CONTAINER_SECURITY,
              volumeMounts: MOUNTS,
            },
          ],
        },
      },
    },
  };
}
