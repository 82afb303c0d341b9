// The LAN address and the certificate fingerprint, so someone at an office PC can compare what the browser shows.
import { useI18n } from '../../i18n/i18n-context.tsx';

export function LanBadge({ lan }: { lan: { url: string; fingerprint: string } }) {
  const { t } = useI18n();
  return (
    <span className="lan-badge" title={t('lanFingerprint', { fp: lan.fingerprint })} data-fingerprint={lan.fingerprint}>
      🔒 {t('lanBadge')} {lan.url} · SHA-256 {lan.fingerprint.slice(0, 23)}…
    </span>
  );
}
