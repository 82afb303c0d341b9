// Configuration of the health-code verifier: which formats a gate accepts and where it gets trust from.
import { z } from 'zod';

export const CodeFormat = z.enum(['online', 'offline-signed', 'resident-card', 'dcc']);
export type CodeFormat = z.infer<typeof CodeFormat>;

/**
 * Token-like texts (letters, digits, URL punctuation); a gate without an authority still recognises them to say 'not
 * accepted'. A web link (a WeChat or shop QR code, `scheme://...`) is not a health code: an authority whose codes are
 * links says so with its own codePattern.
 */
export const DEFAULT_ONLINE_CODE_PATTERN = '^(?![A-Za-z][A-Za-z0-9+.-]*://)[A-Za-z0-9:/?=&#._~+-]{8,1024}$';

export const AuthorityConfig = z.object({
  /** The verification endpoint (POST). */
  url: z.url(),
  credentials: z.string().optional(),
  timeoutMs: z.number().int().positive().default(1500),
  /** Site or city code sent with every request, as the authority's API requires. */
  siteCode: z.string().min(1),
  /** QR texts that are not HC1:/GK1: and match this are sent to the authority; anything else is malformed. */
  codePattern: z
    .string()
    .default(DEFAULT_ONLINE_CODE_PATTERN)
    .refine((pattern) => {
      try {
        new RegExp(pattern);
        return true;
      } catch {
        return false;
      }
    }, 'is not a regular expression: fix its brackets and escapes'),
});

/** EU DCC material beside the signer keys: the pinned business rules and the revocation list, and how old they may be. */
export const DccConfig = z.object({
  /** Pinned rule set (JSON, see docs/health-code-format.md); a DCC is not checked without a fresh one. */
  rulesPath: z.string().optional(),
  /** Where the revocation list's chunks are kept (and its state.json). */
  revocationDir: z.string().optional(),
  /**
   * The DCC source the kiosk fetches rules and the revocation list from (a national backend, or `gate-kiosk dcc-gateway`).
   * HTTPS, except on this machine: an on-path attacker must not be able to empty the revocation list.
   */
  sourceUrl: z
    .url()
    .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u), 'must be an https:// address (http:// only on 127.0.0.1 or localhost)')
    .optional(),
  /** Signer keys, rules and revocation list older than this block DCC verification (the Italian verifier's 24 h). */
  maxMaterialAgeHours: z.number().int().min(1).max(168).default(24),
});
export type DccConfig = z.infer<typeof DccConfig>;

export const HealthCodeConfig = z
  .object({
    formats: z.array(CodeFormat).min(1).default(['online', 'offline-signed', 'resident-card']),
    authority: AuthorityConfig.optional(),
    /** Pinned trust list (JSON, see docs/health-code-format.md); needed by offline-signed, resident-card and dcc. */
    trustListPath: z.string().optional(),
    /** Revocation list of printed resident cards; without it cards are refused as a technical error. */
    revocationListPath: z.string().optional(),
    skewSeconds: z.number().int().min(0).max(3600).default(120),
    /** Offline codes older than this fail as expired, whatever exp says. */
    maxAgeSeconds: z.number().int().positive().default(600),
    dcc: DccConfig.default({ maxMaterialAgeHours: 24 }),
  })
  .superRefine((config, ctx) => {
    if (config.formats.includes('online') && !config.authority) {
      ctx.addIssue({ code: 'custom', path: ['authority'], message: 'online verification is accepted but no authority (url, siteCode) is configured' });
    }
  });
export type HealthCodeConfig = z.infer<typeof HealthCodeConfig>;
export type HealthCodeConfigInput = z.input<typeof HealthCodeConfig>;
