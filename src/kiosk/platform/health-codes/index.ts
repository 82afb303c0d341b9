// The health-code core: one verifier entry point, its config, and the pieces the CLI and simulator reuse.
export { createHealthCodeVerifier, type HealthCodeVerifier, type HealthCodeVerifierDeps } from './verifier.ts';
export { HealthCodeConfig, CodeFormat, type HealthCodeConfigInput } from './config.ts';
export type { VerificationOutcome } from './outcome.ts';
export { signGateCode, verifyGateCodeText, GATE_CODE_PREFIX, COLOURS, type Colour, type GateCodeInput } from './gate-code.ts';
export { verifyDccText, DCC_PREFIX } from './dcc.ts';
export { verifyOnline, type AuthorityClientOptions } from './online-client.ts';
export { trustedKeyFromText, type TrustedKey, type KeyUse, type SignatureCheck } from './signature.ts';
export { parseTrustList, parseRevocationList, TrustListFile, RevocationListFile } from './trust-list.ts';
export { maskName, hashIdNumber, idNumberMatches } from './identity.ts';
export { startAuthoritySimulator, type AuthoritySimulator, type SimulatorBehaviour } from './authority-simulator.ts';
