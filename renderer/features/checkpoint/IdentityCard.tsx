// What an ID card (or a typed ID number) says about the person, masked: name, ID, age, validity (an expired card is
// said so, loudly), and what the roster or the visitor records know of them.
import type { IdentityRead } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function IdentityCard({ read }: { read: IdentityRead }) {
  const { t } = useI18n();
  const match = read.match;
  return (
    <div className="identity-card person-card" data-read-source={read.source} data-expired={read.expired}>
      {read.name && <strong className="person-name">{read.name}</strong>}
      <span className="masked">{read.maskedId}</span>
      {read.sex && read.sex !== 'unknown' && <span>{t(`sex_${read.sex}`)}</span>}
      {read.age !== null && <span>{t('cardAge', { age: read.age })}</span>}
      {read.validUntil && !read.expired && <span>{read.validUntil === 'long-term' ? t('cardLongTerm') : t('cardValidUntil', { date: read.validUntil })}</span>}
      {match && <span className="tag">{t(match.kind === 'commuter' ? 'cardCommuter' : 'cardOnRoster', { household: match.resident.household })}</span>}
      {!match && read.visitor && <span className="tag">{t('cardReturningVisitor', { n: read.visitor.visits })}</span>}
      {!match && !read.visitor && <span className="tag">{t('cardNotOnRoster')}</span>}
      {read.expired && read.validUntil && (
        <p className="notice technical card-expired" role="alert">
          ⚠ {t('cardExpired', { date: read.validUntil })}
        </p>
      )}
    </div>
  );
}
