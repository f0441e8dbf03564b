import { useId } from 'react';

export interface RespondentProfile {
  sex: string;
  ageBand: string;
  education: string;
  occupation: string;
}

export const emptyProfile = (): RespondentProfile => ({ sex: '', ageBand: '', education: '', occupation: '' });

/** Only what the respondent chose to give; the SKM report tabulates these (PermenPANRB 14/2017). */
export const profileToSend = (profile: RespondentProfile) => {
  const given = Object.fromEntries(Object.entries(profile).filter(([, value]) => value.trim() !== ''));
  return Object.keys(given).length > 0 ? given : undefined;
};

const OPTIONS: Record<Exclude<keyof RespondentProfile, 'occupation'>, { label: string; values: string[] }> = {
  sex: { label: 'Jenis kelamin', values: ['L', 'P'] },
  ageBand: { label: 'Usia', values: ['<20', '20-29', '30-39', '40-49', '50-59', '60+'] },
  education: { label: 'Pendidikan terakhir', values: ['SD', 'SMP', 'SMA/SMK', 'D1-D3', 'S1/D4', 'S2/S3'] },
};

/** Optional respondent profile: every field may stay empty. */
export function RespondentProfileFields({ profile, onChange }: { profile: RespondentProfile; onChange(profile: RespondentProfile): void }) {
  const id = useId();
  return (
    <fieldset className="profile">
      <legend>Data responden (opsional)</legend>
      {(Object.keys(OPTIONS) as (keyof typeof OPTIONS)[]).map((key) => (
        <div className="field" key={key}>
          <label htmlFor={`${id}-${key}`}>{OPTIONS[key].label}</label>
          <select id={`${id}-${key}`} value={profile[key]} onChange={(event) => onChange({ ...profile, [key]: event.target.value })}>
            <option value="">Tidak diisi</option>
            {OPTIONS[key].values.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-occupation`}>Pekerjaan</label>
        <input
          id={`${id}-occupation`}
          value={profile.occupation}
          maxLength={80}
          onChange={(event) => onChange({ ...profile, occupation: event.target.value })}
        />
      </div>
    </fieldset>
  );
}
