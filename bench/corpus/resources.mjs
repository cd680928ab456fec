// Documents without a pod template (Service, ConfigMap, ServiceAccount, Ingress, HPA, PDB,
// Namespace): most of a GitOps repository, which a migration tool must read and leave alone.
import { blankLine, inlineComment, quoted } from './style.mjs';

/** @typedef {import('./prng.mjs').Rng} Rng */

/** @param {Rng} rng @param {string} name @param {string} namespace */
export function service(rng, name, namespace) {
  const type = rng.chance(0.2) ? `\n  type: ${rng.pick(['ClusterIP', 'LoadBalancer'])}` : '';
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:${type}
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: 80
      targetPort: ${quoted(rng, 'http')}
`;
}

/** @param {Rng} rng @param {string} name @param {string} namespace */
export function configMap(rng, name, namespace) {
  const header = rng.chance(0.6) ? `# Settings for ${name}; values are not secret\n` : '';
  return `${header}apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${namespace}
data:
  FEATURE_FLAGS: "${rng.pick(['checkout,search', 'search', 'beta-ui,checkout'])}"
  RETRY_COUNT: '${1 + rng.int(5)}'${inlineComment(rng, 0.3, ['strings only in a ConfigMap', 'see runbook'])}${blankLine(rng, 0.3)}
  settings.json: |
    {
      "retries": ${rng.int(6)},
      "timeoutSeconds": ${10 * (1 + rng.int(6))},
      "endpoint": "https://${name}.${namespace}.svc.cluster.local"
    }
`;
}

/** @param {Rng} rng @param {string} name @param {string} namespace */
export function serviceAccount(rng, name, namespace) {
  const annotations = rng.chance(0.2) ? `\n  annotations:\n    owner: ${quoted(rng, namespace)}` : '';
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: ${namespace}${annotations}
`;
}

/** @param {Rng} rng @param {string} name @param {string} namespace */
export function ingress(rng, name, namespace) {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${namespace}
  annotations:
    cert-manager.io/cluster-issuer: ${quoted(rng, 'letsencrypt-prod')}
spec:
  ingressClassName: ${rng.pick(['nginx', 'azure-application-gateway'])}
  tls:
    - hosts:
        - ${name}.${namespace}.example.com
      secretName: ${name}-tls
  rules:
    - host: ${name}.${namespace}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port:
                  number: 80
`;
}

/** @param {Rng} rng @param {string} name @param {string} namespace */
export function hpa(rng, name, namespace) {
  // One in four in flow style, as some people write short maps.
  const target = rng.chance(0.25)
    ? `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}`
    : `  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${name}`;
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${target}
  minReplicas: 2
  maxReplicas: ${4 + rng.int(20)}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: ${50 + 5 * rng.int(7)}
`;
}

/** @param {Rng} rng @param {string} name @param {string} namespace */
export function podDisruptionBudget(rng, name, namespace) {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  minAvailable: ${rng.pick(['1', '"50%"'])}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
`;
}

/** @param {Rng} rng @param {string} namespace */
export function namespaceDoc(rng, namespace) {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
  labels:
    team: ${quoted(rng, namespace)}
`;
}
