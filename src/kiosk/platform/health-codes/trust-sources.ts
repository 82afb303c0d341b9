// Several pinned trust lists side by side (the compound's own file, the district's list from the registry), each with
// its own version and expiry: a stale list refuses the codes its keys signed and leaves the other list's keys alone.
import type { TrustedKey } from './signature.ts';
import type { RevocationList, TrustList } from './trust-list.ts';

export type Loaded<T> = { ok: true; value: T } | { ok: false; detail: string };

export interface TrustSource {
  /** Names the list in messages, e.g. "district trust list (from the registry)". */
  name: string;
  /** What a person does when the list is stale. */
  remedy: string;
  loaded: Loaded<TrustList>;
  /** When its source last confirmed it current (the registry's downlink check); else its issue time counts. */
  confirmedAt?: Date;
}

export interface UsableList {
  name: string;
  remedy: string;
  list: TrustList;
}

export interface TrustView {
  fresh: UsableList[];
  stale: UsableList[];
  /** Lists that could not be read: a code whose signer is in none of the others cannot be judged. */
  broken: Array<{ name: string; detail: string }>;
}

/** Sorts the lists by what they are worth at `at`; a list is stale strictly after its expiresAt. */
export function sortTrustSources(sources: readonly TrustSource[], at: Date): TrustView {
  const view: TrustView = { fresh: [], stale: [], broken: [] };
  for (const { name, remedy, loaded } of sources) {
    if (!loaded.ok) view.broken.push({ name, detail: loaded.detail });
    else (at.getTime() > loaded.value.expiresAt.getTime() ? view.stale : view.fresh).push({ name, remedy, list: loaded.value });
  }
  return view;
}

export const keysOf = (lists: readonly UsableList[]): TrustedKey[] => lists.flatMap((l) => l.list.keys);

export function staleDetail(list: UsableList): string {
  return `${list.name} version ${list.list.version} expired at ${list.list.expiresAt.toISOString()}: update it (${list.remedy})`;
}

export interface ExtraRevocations {
  /** e.g. "district revoked-cards version 4". */
  name: string;
  cardIds: ReadonlySet<string>;
}

/** The local revocation list with the district's revoked cards added; without the local list, cards stay uncheckable. */
export function withRevocations(local: Loaded<RevocationList>, extra: Loaded<ExtraRevocations> | null): Loaded<RevocationList> {
  if (!local.ok || extra === null) return local;
  if (!extra.ok) return extra;
  const own = local.value;
  return {
    ok: true,
    value: {
      ...own,
      revoked: new Set([...own.revoked, ...extra.value.cardIds]),
      describe: (cardId) => (own.revoked.has(cardId) ? `revocation list version ${own.version}` : extra.value.name),
    },
  };
}
