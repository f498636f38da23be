// Registrable domains whose PTR names are ISP, mobile, hosting or CDN infrastructure, never the visitor's employer.
// Curated from the reverse-DNS names of the largest access and cloud networks (no maintained npm package lists them).
export const INFRASTRUCTURE_PTR_DOMAINS: ReadonlySet<string> = new Set([
  // US and Canadian access networks
  'verizon.net', 'myvzw.com', 'comcast.net', 'comcastbusiness.net', 'charter.com', 'spectrum.com', 'rr.com', 'cox.net',
  'att.net', 'sbcglobal.net', 'qwest.net', 'centurylink.net', 'frontiernet.net', 'optonline.net', 'suddenlink.net',
  'mediacombb.net', 'windstream.net', 'rcn.com', 'wideopenwest.com', 'tds.net', 'earthlink.net', 'googlefiber.net',
  't-mobile.com', 'tmodns.net', 'sprint.com', 'starlinkisp.net', 'rogers.com', 'bell.ca', 'sympatico.ca', 'shawcable.net',
  'telus.net', 'videotron.ca', 'cogeco.net',
  // European access networks
  'btcentralplus.com', 'bt.com', 'virginm.net', 'sky.com', 'skybroadband.com', 'talktalk.net', 'plus.net', 'orange.fr',
  'wanadoo.fr', 'sfr.net', 'bbox.fr', 'proxad.net', 'free.fr', 't-ipconnect.de', 't-online.de', 'telekom.de',
  'vodafone.de', 'kabel-deutschland.de', 'unitymediagroup.de', 'arcor-ip.net', 'versatel.de', 'telefonica.de',
  'telefonica.es', 'rima-tde.net', 'telecomitalia.it', 'tiscali.it', 'fastwebnet.it', 'kpn.net', 'ziggo.nl', 'chello.nl',
  'upc.ch', 'swisscom.ch', 'bluewin.ch', 'telenor.no', 'telia.com', 'bredband2.com', 'comhem.se', 'dsl.telkomsa.net',
  'eircom.net', 'proximus.be', 'skynet.be', 'telenet.be', 'a1.net', 'chello.at', 'netia.pl', 'orange.pl', 'rostelecom.ru',
  // Asia-Pacific and elsewhere
  'bigpond.net.au', 'telstra.net', 'optusnet.com.au', 'tpgi.com.au', 'spark.co.nz', 'ocn.ne.jp', 'dion.ne.jp',
  'bbtec.net', 'kddi.ne.jp', 'so-net.ne.jp', 'hinet.net', 'chinanet.cn', '163data.com.cn', 'airtelbroadband.in',
  'jio.com', 'singnet.com.sg', 'pldt.net', 'vnpt.vn', 'telmex.net', 'prod-infinitum.com.mx', 'virtua.com.br',
  'telesp.net.br', 'claro.net.br',
  // Clouds, hosting and CDNs
  'amazonaws.com', 'amazonaws.com.cn', 'googleusercontent.com', '1e100.net', 'cloudapp.net',
  'azure.com', 'cloudflare.com', 'akamaitechnologies.com', 'akamai.net', 'fastly.net', 'digitalocean.com', 'linode.com',
  'linodeusercontent.com', 'vultrusercontent.com', 'vultr.com', 'your-server.de', 'hetzner.com', 'ovh.net', 'ovh.com',
  'kimsufi.com', 'contabo.net', 'contaboserver.net', 'scaleway.com', 'online.net', 'poneytelecom.eu',
  'leaseweb.com', 'leaseweb.net', 'choopa.net', 'secureserver.net', 'bluehost.com', 'hostgator.com', 'dreamhost.com',
  'oraclecloud.com', 'oraclevcn.com', 'alibabacloud.com', 'aliyun.com', 'tencentcloud.com', 'ibm.com', 'softlayer.com',
  'rackspace.com', 'm247.com', 'datacamp.co.uk', 'hostwindsdns.com', 'servercentral.com', 'steadfast.net',
]);

/**
 * Whether a PTR name is network infrastructure: its registrable domain is listed, or its host part spells the address
 * (`pool-71-1-2-3…`, `3-2-1-71.dynamic…`, `ip-10-0-0-1…`), which is how access and hosting networks name every address.
 */
export function isInfrastructurePtr(host: string, domain: string, ip: string): boolean {
  // Every suffix of the host, not only its registrable domain: tenants of a listed private suffix (x.cloudapp.net) are hosts too.
  const labels = host.toLowerCase().split('.');
  if (labels.some((_, i) => INFRASTRUCTURE_PTR_DOMAINS.has(labels.slice(i).join('.')))) return true;
  const label = host.slice(0, Math.max(0, host.length - domain.length)).toLowerCase();
  const v4 = ip.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b, c, d] = v4.slice(1);
    const sep = '[-._x]?';
    const forward = new RegExp(`(^|\\D)${a}${sep}${b}${sep}${c}${sep}${d}(\\D|$)`);
    const backward = new RegExp(`(^|\\D)${d}${sep}${c}${sep}${b}${sep}${a}(\\D|$)`);
    if (forward.test(label) || backward.test(label)) return true;
    const hex = [a, b, c, d].map((o) => Number(o).toString(16).padStart(2, '0')).join('');
    if (label.includes(hex)) return true;
  }
  return /\b(dyn(amic)?|dhcp|pool|dsl|adsl|cable|broadband|ppp|dialup|customers?|cust|residential|subscriber)\b/.test(label.replace(/[-_.\d]+/g, ' '));
}
