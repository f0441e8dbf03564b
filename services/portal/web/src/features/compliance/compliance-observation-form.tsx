import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type CommandReply, type ComplianceObservation, evaluationApi } from '../../api/evaluation';
import { fieldErrors } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { ChoiceGroup, TextArea, TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';

/**
 * The input dimension's items the evaluator scores by observation: the two the Ombudsman names for it
 * (services/evaluation …/domain/compliance/ombudsman-2022.ts). Recording one again replaces its score.
 */
export const OBSERVED_INPUT_ITEMS = [
  { code: 'kompetensi-pelaksana', name: 'Kompetensi pelaksana' },
  { code: 'sarana-prasarana', name: 'Sarana dan prasarana' },
] as const;

type ItemCode = (typeof OBSERVED_INPUT_ITEMS)[number]['code'];

/** The Ombudsman's item scale ("interval nilai 0 s/d 3"). */
const ITEM_SCORES = [0, 1, 2, 3].map((value) => ({ value, label: String(value) }));

// The service's limits (RecordComplianceObservationRequest).
const NOTE_MAX_LENGTH = 5000;
const SOURCE_MAX_LENGTH = 2000;

export interface ObservationDraft {
  items: Record<ItemCode, { score: number | null; note: string }>;
  publicTrustScore: string;
  publicTrustSource: string;
  substantiatedFindings: string;
  unresolvedOmbudsmanActions: string;
  maladministrationNote: string;
}

const emptyDraft = (): ObservationDraft => ({
  items: { 'kompetensi-pelaksana': { score: null, note: '' }, 'sarana-prasarana': { score: null, note: '' } },
  publicTrustScore: '',
  publicTrustSource: '',
  substantiatedFindings: '',
  unresolvedOmbudsmanActions: '',
  maladministrationNote: '',
});

/** Form field keys: `item:<code>:score|note`, the request's own paths for the other parts, `form` for the whole. */
export type ObservationErrors = Record<string, string>;

const DECIMAL = /^\d{1,3}([.,]\d{1,2})?$/;
const COUNT = /^\d{1,6}$/;

/** "72,5" and "72.5" alike: a person in Indonesia writes a decimal comma. */
const decimalOf = (text: string): number | null => (DECIMAL.test(text.trim()) ? Number(text.trim().replace(',', '.')) : null);
const countOf = (text: string): number | null => (COUNT.test(text.trim()) ? Number(text.trim()) : null);

const filled = (text: string) => text.trim() !== '';

/**
 * What the service would refuse, said before sending, and the request of the parts filled in: a part
 * left empty stays as recorded; a part begun must be whole.
 */
export function observationRequest(draft: ObservationDraft): { errors: ObservationErrors; request: ComplianceObservation | null } {
  const errors: ObservationErrors = {};
  const items = OBSERVED_INPUT_ITEMS.flatMap(({ code }) => {
    const { score, note } = draft.items[code];
    if (score === null && !filled(note)) return [];
    if (score === null) errors[`item:${code}:score`] = 'Pilih nilai 0–3.';
    if (!filled(note)) errors[`item:${code}:note`] = 'Catatan wajib diisi: apa yang Anda amati.';
    return score === null ? [] : [{ dimension: 'input' as const, itemCode: code, score, note: note.trim() }];
  });

  let publicTrust: ComplianceObservation['publicTrust'];
  if (filled(draft.publicTrustScore) || filled(draft.publicTrustSource)) {
    const score = decimalOf(draft.publicTrustScore);
    if (score === null || score > 100) errors['publicTrust.score'] = 'Isi angka 0–100, paling banyak 2 desimal.';
    if (!filled(draft.publicTrustSource)) errors['publicTrust.source'] = 'Sumber wajib diisi: dari mana angka ini berasal.';
    if (score !== null) publicTrust = { score, source: draft.publicTrustSource.trim() };
  }

  let maladministration: ComplianceObservation['maladministration'];
  if ([draft.substantiatedFindings, draft.unresolvedOmbudsmanActions, draft.maladministrationNote].some(filled)) {
    const substantiatedFindings = countOf(draft.substantiatedFindings);
    const unresolvedOmbudsmanActions = countOf(draft.unresolvedOmbudsmanActions);
    if (substantiatedFindings === null) errors['maladministration.substantiatedFindings'] = 'Isi bilangan bulat 0 atau lebih.';
    if (unresolvedOmbudsmanActions === null) errors['maladministration.unresolvedOmbudsmanActions'] = 'Isi bilangan bulat 0 atau lebih.';
    if (substantiatedFindings !== null && unresolvedOmbudsmanActions !== null) {
      maladministration = {
        substantiatedFindings,
        unresolvedOmbudsmanActions,
        ...(filled(draft.maladministrationNote) && { note: draft.maladministrationNote.trim() }),
      };
    }
  }

  const begun = Object.keys(errors).length > 0 || items.length > 0 || publicTrust !== undefined || maladministration !== undefined;
  if (!begun) errors.form = 'Isi paling sedikit satu bagian: butir input, kepercayaan masyarakat, atau catatan maladministrasi.';
  if (Object.keys(errors).length > 0) return { errors, request: null };
  return {
    errors,
    request: { ...(items.length > 0 && { items }), ...(publicTrust && { publicTrust }), ...(maladministration && { maladministration }) },
  };
}

/** The server's field paths (`items[0].note`) as the form's keys, items by the row that was sent at that index. */
function serverErrors(error: unknown, sent: ComplianceObservation | null): ObservationErrors {
  const byField: ObservationErrors = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    const item = /^items\[(\d+)\]\.(score|note)$/.exec(field);
    const code = item && sent?.items?.[Number(item[1])]?.itemCode;
    byField[code ? `item:${code}:${item[2]}` : field] = message;
  }
  return byField;
}

const FIELD_KEYS = new Set([
  ...OBSERVED_INPUT_ITEMS.flatMap(({ code }) => [`item:${code}:score`, `item:${code}:note`]),
  'publicTrust.score',
  'publicTrust.source',
  'maladministration.substantiatedFindings',
  'maladministration.unresolvedOmbudsmanActions',
  'maladministration.note',
]);

interface Props {
  cycleId: string;
  unitId: string;
  /** Resolves once the screen shows the grade recomputed with the observation. */
  onRecorded(reply: CommandReply): Promise<void>;
}

/**
 * What no event says about the unit's compliance, recorded by its evaluator or Bagian Organisasi: the
 * input items observed (0–3, with what was seen), the public-trust figure with its source, and the
 * maladministration record. Each part given replaces what was recorded for it.
 */
export function ComplianceObservationForm({ cycleId, unitId, onRecorded }: Props) {
  const api = useApi();
  const [draft, setDraft] = useState<ObservationDraft>(emptyDraft);
  const [checked, setChecked] = useState<ObservationErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (request: ComplianceObservation) => evaluationApi.recordComplianceObservation(api, cycleId, unitId, request),
    onMutate: () => setNotice(null),
    onSuccess: async (reply) => {
      await onRecorded(reply);
      setDraft(emptyDraft());
      setNotice('Pengamatan tersimpan; nilai kepatuhan diperbarui.');
    },
  });
  const errors = { ...serverErrors(record.error, record.variables ?? null), ...checked };
  const unplaced = Object.entries(errors).filter(([key]) => !FIELD_KEYS.has(key));
  const set = (change: Partial<ObservationDraft>) => setDraft((current) => ({ ...current, ...change }));
  const setItem = (code: ItemCode, change: Partial<ObservationDraft['items'][ItemCode]>) =>
    setDraft((current) => ({ ...current, items: { ...current.items, [code]: { ...current.items[code], ...change } } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { errors: problems, request } = observationRequest(draft);
    setChecked(problems);
    if (request) record.mutate(request);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Catat pengamatan kepatuhan" className="observation-form">
      <h3>Catat pengamatan kepatuhan</h3>
      <p className="muted small">Bagian yang dibiarkan kosong tetap seperti yang sudah tercatat. Nilai kepatuhan dihitung ulang begitu tersimpan.</p>
      <fieldset>
        <legend>Dimensi Input: butir pengamatan</legend>
        {OBSERVED_INPUT_ITEMS.map(({ code, name }) => (
          <div key={code} className="observed-item">
            <ChoiceGroup
              legend={`Nilai ${name} (0–3)`}
              name={`observed-${code}`}
              choices={ITEM_SCORES}
              value={draft.items[code].score}
              onChange={(score) => setItem(code, { score })}
              error={errors[`item:${code}:score`]}
            />
            <TextArea
              label={`Catatan ${name}`}
              value={draft.items[code].note}
              onChange={(event) => setItem(code, { note: event.target.value })}
              error={errors[`item:${code}:note`]}
              maxLength={NOTE_MAX_LENGTH}
              rows={2}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Kepercayaan masyarakat</legend>
        <TextField
          label="Kepercayaan masyarakat (0–100)"
          inputMode="decimal"
          value={draft.publicTrustScore}
          onChange={(event) => set({ publicTrustScore: event.target.value })}
          error={errors['publicTrust.score']}
          hint="Mis. 72,5"
        />
        <TextField
          label="Sumber angka kepercayaan masyarakat"
          value={draft.publicTrustSource}
          onChange={(event) => set({ publicTrustSource: event.target.value })}
          error={errors['publicTrust.source']}
          maxLength={SOURCE_MAX_LENGTH}
          hint="Mis. Survei Ombudsman RI 2026, dokumen hasil penilaian"
        />
      </fieldset>
      <fieldset>
        <legend>Catatan maladministrasi pada periode</legend>
        <TextField
          label="Maladministrasi terbukti (jumlah)"
          inputMode="numeric"
          value={draft.substantiatedFindings}
          onChange={(event) => set({ substantiatedFindings: event.target.value })}
          error={errors['maladministration.substantiatedFindings']}
        />
        <TextField
          label="Tindakan korektif, saran atau rekomendasi Ombudsman yang belum ditindaklanjuti (jumlah)"
          inputMode="numeric"
          value={draft.unresolvedOmbudsmanActions}
          onChange={(event) => set({ unresolvedOmbudsmanActions: event.target.value })}
          error={errors['maladministration.unresolvedOmbudsmanActions']}
        />
        <TextArea
          label="Dasar catatan maladministrasi (opsional)"
          value={draft.maladministrationNote}
          onChange={(event) => set({ maladministrationNote: event.target.value })}
          error={errors['maladministration.note']}
          maxLength={NOTE_MAX_LENGTH}
          rows={2}
          hint="Mis. nomor LAHP atau rekomendasi"
        />
      </fieldset>
      {unplaced.length > 0 && (
        <div role="alert" className="problem">
          {unplaced.map(([key, message]) => (
            <p key={key}>{message}</p>
          ))}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={record.isPending}>
          Simpan pengamatan
        </button>
        {notice && <span role="status">{notice}</span>}
      </div>
      <ProblemMessage error={record.error} title="Pengamatan tidak tersimpan" />
    </form>
  );
}
