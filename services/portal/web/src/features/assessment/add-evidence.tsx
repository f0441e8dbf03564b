import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type CommandReply, evaluationApi } from '../../api/evaluation';
import { fieldErrors } from '../../api/problem';
import { useApi } from '../../api/use-api';
import { TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';

interface Target {
  cycleId: string;
  unitId: string;
  indicatorCode: string;
  /** Resolves once the screen shows the evidence. */
  onAttached(reply: CommandReply): Promise<void>;
}

/** Adds evidence to an indicator: upload a file (the service hashes and keeps it) then attach it, or attach an https link. */
export function AddEvidence(target: Target) {
  return (
    <div className="add-evidence">
      <UploadEvidenceFile {...target} />
      <AttachEvidenceLink {...target} />
    </div>
  );
}

function UploadEvidenceFile({ cycleId, unitId, indicatorCode, onAttached }: Target) {
  const api = useApi();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const stored = await evaluationApi.uploadEvidenceFile(api, cycleId, unitId, file);
      return evaluationApi.attachEvidence(api, cycleId, unitId, {
        indicatorCode,
        kind: 'file',
        name: file.name,
        storageKey: stored.storageKey,
        sha256: stored.sha256,
      });
    },
    onSuccess: onAttached,
  });
  const errors = fieldErrors(upload.error);
  const inputId = `upload-${indicatorCode}`;
  return (
    <div className="field">
      <label htmlFor={inputId}>Unggah berkas bukti (PDF, gambar, dokumen Office; maks. 20 MB)</label>
      <input
        id={inputId}
        type="file"
        accept="application/pdf,image/jpeg,image/png,.docx,.xlsx"
        disabled={upload.isPending}
        aria-describedby={errors.file ? `${inputId}-error` : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) upload.mutate(file);
          event.target.value = '';
        }}
      />
      {upload.isPending && <span aria-live="polite">Mengunggah…</span>}
      {errors.file && (
        <span id={`${inputId}-error`} className="field-error">
          {errors.file}
        </span>
      )}
      <ProblemMessage error={upload.error} title="Berkas tidak dapat dilampirkan" />
    </div>
  );
}

function AttachEvidenceLink({ cycleId, unitId, indicatorCode, onAttached }: Target) {
  const api = useApi();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const attach = useMutation({
    mutationFn: () => evaluationApi.attachEvidence(api, cycleId, unitId, { indicatorCode, kind: 'link', name, url }),
    onSuccess: (reply) => {
      setName('');
      setUrl('');
      return onAttached(reply);
    },
  });
  const errors = fieldErrors(attach.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    attach.mutate();
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-label={`Tautan bukti untuk ${indicatorCode}`}>
      <TextField label="Judul tautan" value={name} onChange={(event) => setName(event.target.value)} error={errors.name} required />
      <TextField
        label="Alamat (https)"
        type="url"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={errors.url}
        required
        placeholder="https://"
      />
      <button type="submit" disabled={attach.isPending}>
        Lampirkan tautan
      </button>
      <ProblemMessage error={attach.error} title="Tautan tidak dapat dilampirkan" />
    </form>
  );
}
