// Session affinity in load-balancer config: nginx, HAProxy, Kubernetes and ingress annotations,
// Traefik (labels, YAML, TOML), Terraform, CloudFormation. Each finder returns the directive or
// key that turns affinity on; a value that comes from a variable is `variable`.
import type { ConfigFile, Directive, Span, YamlNode } from '../../src/engine/config/index.js';

export interface AffinitySite {
  span: Span;
  /** How the config says it, for the message: "`ip_hash`", "`sessionAffinity: ClientIP`". */
  what: string;
  /** Set from a variable (Helm value, `var.x`, `!Ref`): affinity only if the value enables it. */
  variable?: boolean;
}

export function findAffinity(file: ConfigFile): AffinitySite[] {
  switch (file.format) {
    case 'nginx':
      return walkDirectives(file.directives).flatMap(nginxAffinity);
    case 'haproxy':
      return walkDirectives(file.directives).flatMap(haproxyAffinity);
    case 'terraform':
      return terraformAffinity(file.directives);
    case 'toml':
      return file.directives.flatMap(tomlAffinity);
    case 'yaml':
    case 'json':
      return firstLabelPerService(file.documents.flatMap((document) => (document.root ? yamlAffinity(document.root, []) : [])));
  }
}

// One Traefik service configured by several sticky.cookie.* labels is one finding, at its first.
function firstLabelPerService(sites: AffinitySite[]): AffinitySite[] {
  const seen = new Set<string>();
  return sites.filter((site) => {
    const service = /`traefik\.http\.services\.([^.]+)\./i.exec(site.what)?.[1]?.toLowerCase();
    if (service === undefined) return true;
    if (seen.has(service)) return false;
    seen.add(service);
    return true;
  });
}

function walkDirectives(directives: readonly Directive[]): Directive[] {
  return directives.flatMap((directive) => [directive, ...walkDirectives(directive.children ?? [])]);
}

const span = (d: Directive): Span => ({ line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn });

// Hash keys that pin a client: its address, a cookie, a credential header. `$request_uri` and
// the like spread load for cache locality instead.
const PINNING_HASH_KEY = /\$(binary_)?remote_addr|\$realip_remote_addr|\$cookie_|\$http_cookie|\$http_authorization|\$http_x_forwarded_for|\$http_x_real_ip/;

function nginxAffinity(directive: Directive): AffinitySite[] {
  const text = [directive.name, ...directive.args].join(' ');
  if (directive.name === 'ip_hash') return [{ span: span(directive), what: '`ip_hash`' }];
  if (directive.name === 'sticky') return [{ span: span(directive), what: `\`${text}\`` }];
  if (directive.name === 'hash' && PINNING_HASH_KEY.test(directive.args[0] ?? '')) return [{ span: span(directive), what: `\`${text}\`` }];
  return [];
}

function haproxyAffinity(directive: Directive): AffinitySite[] {
  const [first] = directive.args;
  const text = `\`${[directive.name, ...directive.args].join(' ')}\``;
  if (directive.name === 'balance' && first === 'source') return [{ span: span(directive), what: text }];
  if (directive.name === 'cookie' && directive.args.some((arg) => ['insert', 'prefix', 'rewrite'].includes(arg))) {
    return [{ span: span(directive), what: text }];
  }
  if (directive.name === 'stick' && ['on', 'match', 'store-request', 'store-response'].includes(first ?? '')) {
    return [{ span: span(directive), what: text }];
  }
  if (directive.name === 'appsession') return [{ span: span(directive), what: text }];
  return [];
}

const TARGET_GROUPS = new Set(['aws_lb_target_group', 'aws_alb_target_group']);
const COOKIE_POLICIES = new Set(['aws_lb_cookie_stickiness_policy', 'aws_app_cookie_stickiness_policy']);

function terraformAffinity(directives: readonly Directive[]): AffinitySite[] {
  const sites: AffinitySite[] = [];
  for (const block of directives) {
    if (block.name !== 'resource' || !block.children) continue;
    const type = block.args[0] ?? '';
    if (COOKIE_POLICIES.has(type)) sites.push({ span: span(block), what: `the \`${type}\` resource` });
    if (TARGET_GROUPS.has(type)) {
      for (const child of block.children.filter((c) => c.name === 'stickiness' && c.children)) {
        // The provider enables a stickiness block that does not say `enabled`.
        const enabled = child.children!.find((attribute) => attribute.name === 'enabled')?.args[0];
        const what = enabled === undefined ? '`stickiness { … }` (enabled when `enabled` is left out)' : `\`stickiness { enabled = ${enabled} }\``;
        const site = judgeFlag(enabled ?? 'true', { span: span(child), what });
        if (site) sites.push(site);
      }
    }
    // kubernetes_service spec { session_affinity = "ClientIP" }, google_compute_backend_service,
    // azurerm_application_gateway: at any depth of the resource
    for (const attribute of walkDirectives(block.children).filter((d) => !d.children)) {
      const value = attribute.args[0] ?? '';
      const off = attribute.name === 'session_affinity' ? /^"(NONE|None)"$/ : /^"Disabled"$/;
      if ((attribute.name === 'session_affinity' || attribute.name === 'cookie_based_affinity') && !off.test(value)) {
        sites.push({ span: span(attribute), what: `\`${attribute.name} = ${value}\``, variable: isVariable(value) });
      }
    }
  }
  return sites;
}

/** `true` enables, `false` disables, anything else (a variable) may. */
function judgeFlag(value: string, site: AffinitySite): AffinitySite | undefined {
  const cleaned = value.replace(/^"|"$/g, '').trim().toLowerCase();
  if (cleaned === 'false') return undefined;
  return cleaned === 'true' ? site : { ...site, variable: true };
}

function isVariable(value: string): boolean {
  return !/^"[^"$]*"$/.test(value.trim());
}

// [http.services.app.loadBalancer.sticky.cookie]; sticky = true (Traefik 1)
function tomlAffinity(directive: Directive): AffinitySite[] {
  const path = directive.name.toLowerCase();
  const isTable = directive.args.length === 0;
  if (isTable && /\.loadbalancer\.sticky(\.cookie)?$/.test(path)) return [{ span: span(directive), what: `\`[${directive.name}]\`` }];
  if (!isTable && /\.loadbalancer\.(sticky|stickiness)$/.test(path)) {
    const site = judgeFlag(directive.args[0] ?? '', { span: span(directive), what: `\`${directive.name} = ${directive.args[0]}\`` });
    return site ? [site] : [];
  }
  return [];
}

const TRAEFIK_STICKY_LABEL = /^traefik\.(http\.services\.[^.]+\.loadbalancer\.sticky\.cookie(\.[a-z]+)?|backend\.loadbalancer\.stick(y|iness))$/i;
const ANNOTATIONS: Record<string, (value: string) => boolean> = {
  'nginx.ingress.kubernetes.io/affinity': (value) => value.toLowerCase() === 'cookie',
  'nginx.ingress.kubernetes.io/upstream-hash-by': (value) => PINNING_HASH_KEY.test(value),
  'traefik.ingress.kubernetes.io/service.sticky.cookie': (value) => value.toLowerCase() === 'true',
  'alb.ingress.kubernetes.io/target-group-attributes': (value) => /stickiness\.enabled=true/i.test(value),
};

function yamlAffinity(node: YamlNode, path: readonly string[]): AffinitySite[] {
  if (node.kind === 'seq') return node.items.flatMap((item) => [...labelAffinity(item, path), ...yamlAffinity(item, path)]);
  if (node.kind !== 'map') return [];
  const sites: AffinitySite[] = [];
  const lookup = (key: string): YamlNode | undefined => node.entries.find((entry) => entry.key === key)?.value;
  for (const { key, keySpan, value } of node.entries) {
    const scalar = value?.kind === 'scalar' ? value : undefined;
    const variable = scalar !== undefined && (scalar.fromTemplate || scalar.tag !== undefined);
    const site = (what: string): AffinitySite => ({ span: keySpan, what, variable });
    const shown = (text: string): string => (scalar?.fromTemplate ? `\`${key}\` (a template value)` : text);
    if (key === 'sessionAffinity' && scalar && (variable || scalar.value === 'ClientIP')) sites.push(site(shown(`\`sessionAffinity: ${scalar.value}\``)));
    // GKE BackendConfig: sessionAffinity: { affinityType: CLIENT_IP | GENERATED_COOKIE }
    if (key === 'affinityType' && scalar && scalar.value !== 'NONE') sites.push(site(`\`affinityType: ${scalar.value}\``));
    if (path.at(-1) === 'annotations' && scalar && (ANNOTATIONS[key]?.(scalar.value) || (variable && key in ANNOTATIONS))) {
      sites.push(site(`the \`${key}\` annotation`));
    }
    if (path.at(-1) === 'labels' && scalar && TRAEFIK_STICKY_LABEL.test(key) && scalar.value.toLowerCase() !== 'false') {
      sites.push(site(`the \`${key}\` label`));
    }
    // Traefik dynamic config and IngressRoute: loadBalancer: { sticky: { cookie: … } }
    if (key === 'sticky' && value && (value.kind === 'map' || scalar?.value === 'true')) sites.push(site('`sticky` on a Traefik service'));
    // CloudFormation: Classic ELB policies, and target group attributes
    if ((key === 'LBCookieStickinessPolicy' || key === 'AppCookieStickinessPolicy') && value) sites.push(site(`\`${key}\``));
    if (key === 'Key' && scalar?.value === 'stickiness.enabled') {
      const flag = lookup('Value');
      const flagValue = flag?.kind === 'scalar' ? flag : undefined;
      const fromVariable = flagValue !== undefined && (flagValue.tag !== undefined || flagValue.fromTemplate === true);
      const what = fromVariable && flagValue?.tag ? `\`stickiness.enabled\` (${flagValue.tag} ${flagValue.value})` : '`stickiness.enabled`';
      if (fromVariable || flagValue?.value === 'true') sites.push({ span: keySpan, what, variable: fromVariable });
    }
    if (value) sites.push(...yamlAffinity(value, [...path, key]));
  }
  return sites;
}

// docker-compose `labels:` as a list of "key=value" strings
function labelAffinity(item: YamlNode, path: readonly string[]): AffinitySite[] {
  if (path.at(-1) !== 'labels' || item.kind !== 'scalar') return [];
  const [key, value = ''] = item.value.split('=');
  if (!key || !TRAEFIK_STICKY_LABEL.test(key.trim()) || value.trim().toLowerCase() === 'false') return [];
  return [{ span: item.span, what: `the \`${key.trim()}\` label`, variable: item.fromTemplate }];
}
