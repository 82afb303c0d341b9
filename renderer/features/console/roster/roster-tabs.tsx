// One tab per roster list: a table with edit and remove, and a form that creates or saves the row being edited.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Commuter, Household, Resident, Vehicle } from '../../../../src/common/contract/roster.ts';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import { useConsoleCall } from '../use-console-call.ts';

function useList<T>(load: () => Promise<T[]>) {
  const errorText = useErrorText();
  const [items, setItems] = useState<T[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const reload = useCallback(() => void load().then(setItems, (e: unknown) => setMessage(errorText(e))), [load]);
  useEffect(reload, [reload]);
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      setMessage(null);
      reload();
      return true;
    } catch (e) {
      setMessage(errorText(e));
      return false;
    }
  };
  return { items, message, act };
}

function Table({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    <table className="plain-table">
      <thead>
        <tr>{head.map((h) => <th key={h}>{h}</th>)}<th /></tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function Row({ cells, onEdit, onRemove }: { cells: Array<string | number | null>; onEdit?: () => void; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <tr>
      {cells.map((c, i) => <td key={i} translate="no">{c ?? '—'}</td>)}
      <td className="actions">
        {onEdit && <button type="button" className="secondary" onClick={onEdit}>{t('edit')}</button>}
        <button type="button" className="secondary" onClick={() => window.confirm(t('confirmRemove')) && onRemove()}>{t('remove')}</button>
      </td>
    </tr>
  );
}

function Field({ label, value, onChange, required = false, placeholder }: { label: string; value: string; onChange: (v: string) => void; required?: boolean; placeholder?: string }) {
  return <input aria-label={label} placeholder={placeholder ?? label} value={value} required={required} onChange={(e) => onChange(e.target.value)} />;
}

export function HouseholdsTab() {
  const { t } = useI18n();
  const call = useConsoleCall();
  const [query, setQuery] = useState('');
  const list = useList(useCallback(() => call('roster.households.list', { query: query || undefined, limit: 1000 }).then((r) => r.households), [call, query]));
  const empty = { id: undefined as string | undefined, building: '', unit: '', room: '', note: '' };
  const [form, setForm] = useState(empty);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void list.act(() => call('roster.households.save', { ...form, note: form.note || undefined })).then((ok) => ok && setForm(empty));
  };
  return (
    <section>
      <input type="search" aria-label={t('searchPlaceholder')} placeholder="3-2-501" value={query} onChange={(e) => setQuery(e.target.value)} />
      {list.message && <p className="form-error" role="alert">{list.message}</p>}
      <Table head={[t('colHousehold'), t('rosterResidents'), t('note')]}>
        {list.items.map((h: Household) => (
          <Row key={h.id} cells={[h.label, h.residents, h.note]} onEdit={() => setForm({ id: h.id, building: h.building, unit: h.unit, room: h.room, note: h.note ?? '' })} onRemove={() => void list.act(() => call('roster.households.remove', { id: h.id }))} />
        ))}
      </Table>
      <form className="inline-form" onSubmit={save}>
        <h3>{form.id ? t('edit') : t('add')}</h3>
        <Field label={t('building')} value={form.building} onChange={(building) => setForm({ ...form, building })} required />
        <Field label={t('unit')} value={form.unit} onChange={(unit) => setForm({ ...form, unit })} />
        <Field label={t('room')} value={form.room} onChange={(room) => setForm({ ...form, room })} required />
        <Field label={t('note')} value={form.note} onChange={(note) => setForm({ ...form, note })} />
        <button type="submit" className="primary">{t('save')}</button>
      </form>
    </section>
  );
}

/** Households by label, for the forms that attach something to a household. */
function useHouseholdIds() {
  const call = useConsoleCall();
  const [households, setHouseholds] = useState<Household[]>([]);
  useEffect(() => void call('roster.households.list', { limit: 5000 }).then((r) => setHouseholds(r.households), () => {}), [call]);
  return households;
}

function HouseholdSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const households = useHouseholdIds();
  return (
    <select aria-label={t('colHousehold')} value={value} onChange={(e) => onChange(e.target.value)} required>
      <option value="">{t('colHousehold')}</option>
      {households.map((h) => <option key={h.id} value={h.id}>{h.label}</option>)}
    </select>
  );
}

export function ResidentsTab() {
  const { t } = useI18n();
  const call = useConsoleCall();
  const [query, setQuery] = useState('');
  const list = useList(useCallback(() => call('roster.residents.list', { query: query || undefined, limit: 2000 }).then((r) => r.residents), [call, query]));
  const empty = { id: undefined as string | undefined, householdId: '', name: '', idNumber: '', phone: '', cardId: '' };
  const [form, setForm] = useState(empty);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void list.act(() => call('roster.residents.save', { id: form.id, householdId: form.householdId, name: form.name, idNumber: form.idNumber || undefined, phone: form.phone || undefined, cardId: form.cardId || undefined })).then((ok) => ok && setForm(empty));
  };
  return (
    <section>
      <input type="search" aria-label={t('searchPlaceholder')} placeholder={t('colName')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {list.message && <p className="form-error" role="alert">{list.message}</p>}
      <Table head={[t('colName'), t('colHousehold'), t('colId'), t('revealPhone'), t('cardId')]}>
        {list.items.map((r: Resident) => (
          <Row key={r.id} cells={[r.name + (r.commuter ? ' 🚗' : ''), r.household, r.maskedId, r.maskedPhone, r.cardId]}
            onEdit={() => setForm({ id: r.id, householdId: r.householdId, name: r.name, idNumber: '', phone: '', cardId: r.cardId ?? '' })}
            onRemove={() => void list.act(() => call('roster.residents.remove', { id: r.id }))} />
        ))}
      </Table>
      <form className="inline-form" onSubmit={save}>
        <h3>{form.id ? t('edit') : t('add')}</h3>
        <HouseholdSelect value={form.householdId} onChange={(householdId) => setForm({ ...form, householdId })} />
        <Field label={t('colName')} value={form.name} onChange={(name) => setForm({ ...form, name })} required />
        <Field label={t('idNumber')} value={form.idNumber} onChange={(idNumber) => setForm({ ...form, idNumber })} />
        <Field label={t('revealPhone')} value={form.phone} onChange={(phone) => setForm({ ...form, phone })} />
        <Field label={t('cardId')} value={form.cardId} onChange={(cardId) => setForm({ ...form, cardId })} />
        <button type="submit" className="primary">{t('save')}</button>
      </form>
    </section>
  );
}

export function VehiclesTab() {
  const { t } = useI18n();
  const call = useConsoleCall();
  const list = useList(useCallback(() => call('roster.vehicles.list', { limit: 5000 }).then((r) => r.vehicles), [call]));
  const empty = { id: undefined as string | undefined, householdId: '', plate: '', note: '' };
  const [form, setForm] = useState(empty);
  const save = (e: FormEvent) => {
    e.preventDefault();
    void list.act(() => call('roster.vehicles.save', { ...form, note: form.note || undefined })).then((ok) => ok && setForm(empty));
  };
  return (
    <section>
      {list.message && <p className="form-error" role="alert">{list.message}</p>}
      <Table head={[t('colPlate'), t('colHousehold'), t('note')]}>
        {list.items.map((v: Vehicle) => (
          <Row key={v.id} cells={[v.plate, v.household, v.note]} onEdit={() => setForm({ id: v.id, householdId: v.householdId, plate: v.plate, note: v.note ?? '' })} onRemove={() => void list.act(() => call('roster.vehicles.remove', { id: v.id }))} />
        ))}
      </Table>
      <form className="inline-form" onSubmit={save}>
        <h3>{form.id ? t('edit') : t('add')}</h3>
        <HouseholdSelect value={form.householdId} onChange={(householdId) => setForm({ ...form, householdId })} />
        <Field label={t('colPlate')} value={form.plate} onChange={(plate) => setForm({ ...form, plate })} required />
        <Field label={t('note')} value={form.note} onChange={(note) => setForm({ ...form, note })} />
        <button type="submit" className="primary">{t('save')}</button>
      </form>
    </section>
  );
}

export function CommutersTab() {
  const { t } = useI18n();
  const call = useConsoleCall();
  const list = useList(useCallback(() => call('roster.commuters.list', { limit: 5000 }).then((r) => r.commuters), [call]));
  const [residents, setResidents] = useState<Resident[]>([]);
  useEffect(() => void call('roster.residents.list', { limit: 5000 }).then((r) => setResidents(r.residents), () => {}), [call]);
  const empty = { residentId: '', usualOut: '07:30', usualIn: '18:30', days: '1,2,3,4,5' };
  const [form, setForm] = useState(empty);
  const save = (e: FormEvent) => {
    e.preventDefault();
    const days = form.days.split(/[\s,，]+/).filter(Boolean).map(Number);
    void list.act(() => call('roster.commuters.save', { residentId: form.residentId, usualOut: form.usualOut || null, usualIn: form.usualIn || null, days })).then((ok) => ok && setForm(empty));
  };
  return (
    <section>
      {list.message && <p className="form-error" role="alert">{list.message}</p>}
      <Table head={[t('colName'), t('colHousehold'), t('usualOut'), t('usualIn'), t('weekdays'), t('colPlate')]}>
        {list.items.map((c: Commuter) => (
          <Row key={c.residentId} cells={[c.name, c.household, c.usualOut, c.usualIn, c.days.join(','), c.plate]}
            onEdit={() => setForm({ residentId: c.residentId, usualOut: c.usualOut ?? '', usualIn: c.usualIn ?? '', days: c.days.join(',') })}
            onRemove={() => void list.act(() => call('roster.commuters.remove', { residentId: c.residentId }))} />
        ))}
      </Table>
      <form className="inline-form" onSubmit={save}>
        <h3>{t('add')}</h3>
        <select aria-label={t('colName')} value={form.residentId} onChange={(e) => setForm({ ...form, residentId: e.target.value })} required>
          <option value="">{t('colName')}</option>
          {residents.map((r) => <option key={r.id} value={r.id}>{r.household} {r.name}</option>)}
        </select>
        <Field label={t('usualOut')} value={form.usualOut} onChange={(usualOut) => setForm({ ...form, usualOut })} placeholder="07:30" />
        <Field label={t('usualIn')} value={form.usualIn} onChange={(usualIn) => setForm({ ...form, usualIn })} placeholder="18:30" />
        <Field label={t('weekdays')} value={form.days} onChange={(days) => setForm({ ...form, days })} placeholder="1,2,3,4,5" />
        <button type="submit" className="primary">{t('save')}</button>
      </form>
    </section>
  );
}
