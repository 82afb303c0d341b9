// The roster: households, residents, vehicles and commuters (create, edit, remove), import from CSV/XLSX, and
// printed resident cards.
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { CardsPage } from './CardsPage.tsx';
import { CommutersTab, HouseholdsTab, ResidentsTab, VehiclesTab } from './roster-tabs.tsx';
import { ImportPanel } from './ImportPanel.tsx';

const TABS: Array<[string, MessageKey]> = [
  ['households', 'rosterHouseholds'],
  ['residents', 'rosterResidents'],
  ['vehicles', 'rosterVehicles'],
  ['commuters', 'rosterCommuters'],
  ['import', 'rosterImport'],
  ['cards', 'rosterCards'],
];

export function RosterPage({ tab }: { tab: string }) {
  const { t } = useI18n();
  return (
    <main className="roster-page">
      <nav className="sub-tabs no-print">
        {TABS.map(([id, key]) => (
          <a key={id} href={`#/console/roster/${id}`} className={tab === id ? 'active' : ''}>
            {t(key)}
          </a>
        ))}
      </nav>
      {tab === 'households' && <HouseholdsTab />}
      {tab === 'residents' && <ResidentsTab />}
      {tab === 'vehicles' && <VehiclesTab />}
      {tab === 'commuters' && <CommutersTab />}
      {tab === 'import' && <ImportPanel />}
      {tab === 'cards' && <CardsPage />}
    </main>
  );
}
