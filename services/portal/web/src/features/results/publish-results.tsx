import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { cycleCatchUp, evaluationApi } from '../../api/evaluation';
import { useApi } from '../../api/use-api';
import { ProblemMessage } from '../../components/problem-message';
import { refreshAfterCommand } from '../../query-client';

/** Publishing freezes every unit's result: a second, explicit confirmation before it is sent. */
export function PublishResults({ cycleId }: { cycleId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const publish = useMutation({
    mutationFn: () => evaluationApi.publishResults(api, cycleId),
    onSuccess: async (reply) => {
      setConfirming(false);
      await refreshAfterCommand(queryClient, cycleCatchUp(api, cycleId, reply), ['cycle-scores', cycleId], ['cycle', cycleId], ['cycles']);
    },
  });
  return (
    <section aria-labelledby="publish-heading" className="panel">
      <h2 id="publish-heading">Terbitkan hasil</h2>
      <p>Hasil setiap unit dibekukan dengan aturan penilaian siklus ini. Perbaikan setelahnya dicatat sebagai koreksi beralasan.</p>
      {confirming ? (
        <p>
          <button type="button" className="danger" onClick={() => publish.mutate()} disabled={publish.isPending}>
            Ya, terbitkan dan bekukan hasil
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Batal
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Terbitkan hasil…
        </button>
      )}
      {publish.isSuccess && <p role="status">Hasil diterbitkan.</p>}
      <ProblemMessage error={publish.error} title="Hasil tidak dapat diterbitkan" />
    </section>
  );
}
