import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Evidence } from '../../api/evaluation';
import { OPERATOR, renderAt } from '../../test-support';
import { EvidenceList } from './evidence-list';

const CYCLE = '6f1c2a40-0000-4000-8000-000000000001';
const SHA256 = 'a'.repeat(64);

const file = (name: string, mediaType: string): Evidence => ({
  evidenceId: 'e1',
  kind: 'file',
  name,
  location: `sha256:${SHA256}`,
  sha256: SHA256,
  sizeBytes: 5,
  mediaType,
});

describe('EvidenceList', () => {
  const saved: string[] = [];

  beforeEach(() => {
    saved.length = 0;
    globalThis.fetch = jest.fn(async () => ({
      ok: true,
      status: 200,
      headers: { get: () => 'application/pdf' },
      blob: async () => new Blob(['%PDF-']),
    })) as unknown as typeof fetch;
    URL.createObjectURL = jest.fn(() => 'blob:evidence');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it.each<[string, string, string, string]>([
    ['keeps a plain name', 'maklumat.pdf', 'application/pdf', 'maklumat.pdf'],
    ["saves a file under its stored type's extension, not the name's", 'Laporan_SKM.jar', 'application/pdf', 'Laporan_SKM.pdf'],
    [
      'drops paths, spaces and punctuation',
      '../Laporan SKM (final).html',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Laporan-SKM-final.docx',
    ],
  ])('%s', async (_, name, mediaType, expected) => {
    renderAt(<EvidenceList cycleId={CYCLE} unitId="disdukcapil" evidence={[file(name, mediaType)]} />, { path: '/f01', claims: OPERATOR });
    await userEvent.click(screen.getByRole('button', { name: `${name} (unduh)` }));
    await waitFor(() => expect(saved).toEqual([expected]));
  });
});
