// Every document a kiosk downloads, as the signed answer: the district documents as they are, the watch list as this
// compound's tokens. A kiosk that already holds the version gets a signed "unchanged" header alone.
import { contentSha256, headerMessage, type DocumentHeader, type SignedDownlink, type SignedKind } from '../common/wire/signed-documents.ts';
import type { DistrictKeys } from './district-keys.ts';
import { getDownlink } from './downlink.ts';
import { nodeDigest } from './node-digest.ts';
import type { Database } from './sql.ts';
import { watchTokensFor } from './watch-lists.ts';

export interface Addressee {
  compoundId: string;
  district: string;
}

export async function signedDocument(
  db: Database,
  keys: DistrictKeys,
  kind: SignedKind,
  to: Addressee,
  have: number | null,
  nowMs: number,
): Promise<SignedDownlink> {
  const doc = kind === 'watch-list' ? await watchTokensFor(db, keys, to.compoundId, have) : await getDownlink(db, kind);
  const unchanged = have !== null && have === doc.version;
  const header: DocumentHeader = {
    kind,
    version: doc.version,
    compoundId: kind === 'watch-list' ? to.compoundId : null,
    district: to.district,
    publishedAt: doc.updatedAt,
    servedAt: new Date(nowMs).toISOString(),
    contentSha256: unchanged ? null : contentSha256(nodeDigest, doc.content),
  };
  const signature = keys.sign(headerMessage(header));
  return unchanged ? { header, signature } : { header, signature, content: doc.content };
}
