// Who a signed request comes from: the kiosk and its compound (and district), as the registry authenticated it.
export interface KioskIdentity {
  kioskId: string;
  compoundId: string;
  district?: string;
}
