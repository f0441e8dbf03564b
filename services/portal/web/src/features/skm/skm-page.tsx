import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { surveyApi, type UnitSkmSurvey } from '../../api/survey';
import { useApi } from '../../api/use-api';
import { useSignedIn } from '../../auth/session';
import { QueryState } from '../../components/query-state';
import { OpenSurveyForm } from './open-survey-form';
import { SurveyDetail } from './survey-detail';

const PERIOD_LABELS = { quarter: 'Triwulan', semester: 'Semester', year: 'Tahun' } as const;

/** The unit's SKM surveys (PermenPANRB 14/2017): open a period, follow the live IKM, print the poster, close, follow up. */
export function SkmPage() {
  const api = useApi();
  const { claims } = useSignedIn();
  const unitId = claims.unitId ?? '';
  const surveys = useQuery({ queryKey: ['skm-surveys', unitId], queryFn: () => surveyApi.unitSurveys(api, unitId) });
  const [selectedId, setSelectedId] = useState<string | null>(null);

  return (
    <>
      <h1>Survei Kepuasan Masyarakat {unitId}</h1>
      <QueryState query={surveys} what="survei">
        {(list) => {
          const selected = list.find((survey) => survey.surveyId === selectedId) ?? list[0];
          return (
            <>
              {list.length === 0 ? (
                <p>Belum ada survei. Buka periode survei pertama di bawah.</p>
              ) : (
                <SurveyList surveys={list} selected={selected} onSelect={setSelectedId} />
              )}
              {selected && <SurveyDetail key={selected.surveyId} survey={selected} />}
            </>
          );
        }}
      </QueryState>
      <OpenSurveyForm unitId={unitId} onOpened={setSelectedId} />
    </>
  );
}

function SurveyList({ surveys, selected, onSelect }: { surveys: UnitSkmSurvey[]; selected?: UnitSkmSurvey; onSelect(id: string): void }) {
  return (
    <table>
      <caption>Periode survei</caption>
      <thead>
        <tr>
          <th scope="col">Periode</th>
          <th scope="col">Status</th>
          <th scope="col">Responden</th>
          <th scope="col">IKM akhir</th>
        </tr>
      </thead>
      <tbody>
        {surveys.map((survey) => (
          <tr key={survey.surveyId} aria-current={survey.surveyId === selected?.surveyId ? 'true' : undefined}>
            <th scope="row">
              <button type="button" className="link" onClick={() => onSelect(survey.surveyId)}>
                {PERIOD_LABELS[survey.periodKind]} {survey.periodStart} s.d. {survey.periodEnd}
              </button>
            </th>
            <td>{survey.status === 'open' ? 'Dibuka' : 'Ditutup'}</td>
            <td>{survey.respondents}</td>
            <td>{survey.final ? `${survey.final.ikmConverted.toFixed(2)} (${survey.final.band})` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
