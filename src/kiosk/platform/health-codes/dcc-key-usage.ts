// Which DCC types a signer may sign, from its certificate's extended key usage (the EU DCC certificate governance):
// 1.3.6.1.4.1.1847.2021.1.1 test, .1.2 vaccination, .1.3 recovery, also written with a .0. after the enterprise arc.
// A signer whose certificate names none of them may sign every type.
import type { CertificateType } from '../../../common/certlogic/rules.ts';

const USAGE_OIDS: Record<CertificateType, readonly string[]> = {
  Test: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  Vaccination: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  Recovery: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
};
const ALL = new Set(Object.values(USAGE_OIDS).flat());

/** The types the usage allows; every type when it names no DCC usage at all. */
export function allowedDccTypes(extendedKeyUsage: readonly string[]): CertificateType[] {
  const named = extendedKeyUsage.filter((oid) => ALL.has(oid));
  const types = Object.keys(USAGE_OIDS) as CertificateType[];
  if (named.length === 0) return types;
  return types.filter((type) => USAGE_OIDS[type].some((oid) => named.includes(oid)));
}

/** As allowedDccTypes(usage).includes(type), without building the lists (it runs at every DCC scan). */
export function keyUsageAllows(extendedKeyUsage: readonly string[], type: CertificateType): boolean {
  let namesDccUsage = false;
  for (const oid of extendedKeyUsage) {
    if (!ALL.has(oid)) continue;
    if (USAGE_OIDS[type].includes(oid)) return true;
    namesDccUsage = true;
  }
  return !namesDccUsage;
}
