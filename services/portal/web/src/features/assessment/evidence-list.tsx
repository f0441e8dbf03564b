import { evidenceDownloadName } from '@lib/kernel';
import { useMutation } from '@tanstack/react-query';
import { type Evidence, evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { ProblemMessage } from '../../components/problem-message';

/**
 * The evidence (bukti dukung) of one indicator: links open, files download with the user's token.
 * `tenantId` is the cycle's tenant when the reader names it (see useCycleTenant).
 */
export function EvidenceList({ cycleId, unitId, tenantId, evidence }: { cycleId: string; unitId: string; tenantId?: string; evidence: readonly Evidence[] }) {
  if (evidence.length === 0) return <p className="muted small">Belum ada bukti dukung.</p>;
  return (
    <ul className="evidence">
      {evidence.map((item) => (
        <li key={item.evidenceId}>
          {item.kind === 'link' ? (
            <a href={item.location} target="_blank" rel="noopener noreferrer">
              {item.name}
            </a>
          ) : (
            <EvidenceDownload cycleId={cycleId} unitId={unitId} tenantId={tenantId} file={item} />
          )}
        </li>
      ))}
    </ul>
  );
}

function EvidenceDownload({ cycleId, unitId, tenantId, file }: { cycleId: string; unitId: string; tenantId: string | undefined; file: Evidence }) {
  const api = useApi();
  // The download needs the bearer token, so it goes through fetch and a temporary object URL.
  const download = useMutation({
    mutationFn: async () => {
      const response = await evaluationApi.downloadEvidence(api, cycleId, unitId, file.sha256, tenantId);
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      // the name the server gives it too: the stem of the free name, the extension of the checked type
      anchor.download = evidenceDownloadName(file.name, file.mediaType);
      anchor.click();
      URL.revokeObjectURL(url);
    },
  });
  return (
    <>
      <button type="button" className="link" onClick={() => download.mutate()} disabled={download.isPending}>
        {file.name} (unduh)
      </button>
      <ProblemMessage error={download.error} title="Berkas tidak dapat diunduh" />
    </>
  );
}
