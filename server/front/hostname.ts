const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS host name (lower case), or a wildcard "*.example.com". Pure: used by forms and the renderer alike. */
export function isValidHostname(domain: string): boolean {
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split(".");
  if (labels.length < 1) return false;
  return labels.every((label, i) => (i === 0 && label === "*" && labels.length > 2) || LABEL.test(label));
}
