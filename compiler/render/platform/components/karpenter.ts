// Karpenter v1 node autoscaling on EKS (aws profile only): one NodePool and EC2NodeClass, stable v1 APIs only.
import type { KubeObject } from "../../objects";
import type { ComponentContext, ComponentDef } from "../component";
import { AFTER_CHART } from "./shared";

const settingsOf = (ctx: ComponentContext) => ctx.cluster.components.karpenter;

/** Settings Karpenter cannot guess: which EKS cluster nodes join, and the IAM role they run as. */
export function missingKarpenterSettings(k: { clusterName?: string; nodeRole?: string }): ("clusterName" | "nodeRole")[] {
  return (["clusterName", "nodeRole"] as const).filter((f) => !k[f]);
}
const NODE_CLASS = "default";
/**
 * The AL2023 EKS AMI release nodes run when `amiAlias` is unset: pinned, so an AMI release replaces nodes only
 * when this (or `amiAlias`) moves. v20260724: the newest release tag of github.com/awslabs/amazon-eks-ami seen.
 */
export const DEFAULT_AMI_ALIAS = "al2023@v20260724";

function values(ctx: ComponentContext): Record<string, unknown> {
  const k = settingsOf(ctx);
  return {
    replicas: 2,
    settings: { clusterName: k.clusterName, ...(k.interruptionQueue ? { interruptionQueue: k.interruptionQueue } : {}) },
    ...(k.controllerRoleArn ? { serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": k.controllerRoleArn } } } : {}),
    controller: { resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "1Gi" } } },
  };
}

function objects(ctx: ComponentContext): KubeObject[] {
  const k = settingsOf(ctx);
  const discovery = { "karpenter.sh/discovery": k.clusterName! };
  const nodeClass: KubeObject = {
    apiVersion: "karpenter.k8s.aws/v1",
    kind: "EC2NodeClass",
    metadata: { name: NODE_CLASS, annotations: { ...AFTER_CHART } },
    spec: {
      role: k.nodeRole,
      amiSelectorTerms: [{ alias: k.amiAlias ?? DEFAULT_AMI_ALIAS }],
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    },
  };
  const { cpu, memory } = ctx.cluster.spec.capacity;
  const nodePool: KubeObject = {
    apiVersion: "karpenter.sh/v1",
    kind: "NodePool",
    metadata: { name: "default", annotations: { ...AFTER_CHART } },
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: NODE_CLASS },
          requirements: [
            { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
            { key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] },
            { key: "karpenter.k8s.aws/instance-category", operator: "In", values: ["c", "m", "r"] },
            { key: "karpenter.k8s.aws/instance-generation", operator: "Gt", values: ["5"] },
          ],
          expireAfter: "720h",
        },
      },
      // the cluster's declared capacity is the autoscaling ceiling the compiler checks tenants against
      limits: { cpu, memory },
      disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "5m" },
    },
  };
  return [nodeClass, nodePool];
}

export const karpenter: ComponentDef = {
  app: "karpenter",
  component: "karpenter",
  // platform rules refuse it elsewhere, and say what is missing on aws
  when: (ctx) => ctx.cluster.spec.provider === "aws" && missingKarpenterSettings(settingsOf(ctx)).length === 0,
  namespace: "karpenter",
  wave: 0,
  // 1.14.1: the newest release (karpenter.sh/v1, karpenter.k8s.aws/v1); pin checked: release tag v1.14.1 of
  // github.com/aws/karpenter-provider-aws and its charts/karpenter/Chart.yaml (OCI chart, no index)
  chart: { repoURL: "public.ecr.aws/karpenter", chart: "karpenter", version: "1.14.1" },
  values,
  objects,
  podSecurity: "restricted",
};
