// The shared platform: the clusters tenants run on, and the catalogs and presets they pick from.
import { definePlatform } from "../compiler/api";

export default definePlatform({
  fleet: "example",
  repo: {
    url: "https://github.com/example/openedx-fleet.git",
    revision: "main",
  },
  argocd: { namespace: "argocd" },

  clusters: {
    main: {
      provider: "generic",
      capacity: { cpu: "64", memory: "256Gi", overcommit: 1.5 },
      hosts: {
        search: "search.example.org",
        echo: "echo.example.org",
        grafana: "grafana.example.org",
      },
      components: {
        // each cluster backs up to its own bucket; the credentials Secret is created in the cluster, never in git
        backups: {
          storage: { bucket: "example-fleet-main-backups", region: "eu-west-1", credentialsSecret: "velero-credentials" },
          schedule: "0 3 * * *",
          retentionDays: 30,
        },
        // alerts by e-mail; the SMTP password is a key of a Secret created in namespace monitoring, never in git
        monitoring: {
          alerts: {
            secret: "alertmanager-receivers",
            email: { to: "platform@example.org", from: "alertmanager@example.org", smarthost: "smtp.example.org:587", username: "alertmanager", passwordKey: "smtp-password" },
          },
        },
      },
      // what tenant pods may reach outside the cluster (everything else is denied by network policy)
      egress: { internet443: true },
    },
  },
  defaultCluster: "main",

  // tenant hosts must be under one of these (never one of them itself: its cookies would reach every tenant)
  domains: ["example.org", "example.edu"],
  // a customer's own domain: only the tenants listed may use it or any host under it
  customerDomains: {
    "globex.com": { tenants: ["globex"] },
  },
  // namespaces of this platform's own that no tenant may take, beside those the compiler knows (`*` ends a prefix)
  reservedNamespaces: ["ops", "sandbox-*"],
  acmeEmail: "platform@example.org",
  // every tenant's mail goes through this relay; its password is the Secret `mail-relay` (key `password`) that the
  // operator creates in namespace platform-credentials of each cluster, never in git (docs/operator/mail.md)
  mail: { host: "smtp.example.org", port: 587, security: "starttls", username: "openedx", addresses: ["203.0.113.25/32"] },

  // registries that need a login (globex's image is on ghcr.io): each is the dockerconfigjson Secret
  // `registry-<host>` the operator creates in namespace platform-credentials (docs/operator/registries.md)
  privateRegistries: ["ghcr.io"],

  releases: {
    ulmo: { tutor: "21.0.8", image: "docker.io/overhangio/openedx:21.0.8" },
  },

  plugins: {
    mfe: { version: "21.0.0" },
    // forum v2: a Django app of the LMS on the tenant's MySQL (and its search index prefix); no service of its own
    forum: { version: "21.0.0" },
    indigo: { version: "21.0.0" },
    "pod-autoscaling": { version: "21.0.0", pip: "tutor-contrib-pod-autoscaling==21.0.0" },
  },
  // comprehensive themes the tenants' images carry: a plugin's (indigo) or your own; a tenant picks one with `theme`
  themes: ["indigo"],

  sizes: {
    small: {
      lms: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" }, replicas: { min: 1, max: 2 } },
      cms: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" }, replicas: { min: 1, max: 1 } },
      lmsWorker: { requests: { cpu: "250m", memory: "768Mi" }, limits: { memory: "1536Mi" }, replicas: { min: 1, max: 1 } },
      cmsWorker: { requests: { cpu: "100m", memory: "768Mi" }, limits: { memory: "1536Mi" }, replicas: { min: 1, max: 1 } },
      mfe: { requests: { cpu: "25m", memory: "32Mi" }, limits: { memory: "128Mi" }, replicas: { min: 1, max: 1 } },
      caddy: { requests: { cpu: "25m", memory: "32Mi" }, limits: { memory: "128Mi" }, replicas: { min: 1, max: 1 } },
    },
    medium: {
      lms: { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "3Gi" }, replicas: { min: 2, max: 4 } },
      cms: { requests: { cpu: "500m", memory: "1536Mi" }, limits: { memory: "3Gi" }, replicas: { min: 1, max: 2 } },
      lmsWorker: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" }, replicas: { min: 1, max: 3 } },
      cmsWorker: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" }, replicas: { min: 1, max: 2 } },
      mfe: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" }, replicas: { min: 1, max: 2 } },
      caddy: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" }, replicas: { min: 1, max: 2 } },
    },
    large: {
      lms: { requests: { cpu: "2", memory: "3Gi" }, limits: { memory: "4Gi" }, replicas: { min: 3, max: 10 } },
      cms: { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "4Gi" }, replicas: { min: 2, max: 4 } },
      lmsWorker: { requests: { cpu: "1", memory: "1536Mi" }, limits: { memory: "3Gi" }, replicas: { min: 2, max: 6 } },
      cmsWorker: { requests: { cpu: "500m", memory: "1536Mi" }, limits: { memory: "3Gi" }, replicas: { min: 1, max: 3 } },
      mfe: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "256Mi" }, replicas: { min: 2, max: 3 } },
      caddy: { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "256Mi" }, replicas: { min: 2, max: 3 } },
    },
  },
});
