import { render, screen } from '@testing-library/react';
import { ApiError, networkProblem, type Problem, problemFrom } from '../api/problem';
import { ProblemMessage } from './problem-message';

const alertText = (error: unknown): string => {
  render(<ProblemMessage error={error} title="Permintaan tidak berhasil" />);
  return screen.getByRole('alert').textContent ?? '';
};

describe('ProblemMessage', () => {
  it.each<[string, Problem, string]>([
    [
      "a service's problem: its Indonesian title",
      { status: 404, code: 'CYCLE.NOT_FOUND', title: 'Siklus evaluasi tidak ditemukan.', detail: 'no cycle c1', correlationId: 'corr-1' },
      'Siklus evaluasi tidak ditemukan.',
    ],
    [
      'a code the portal has never seen: still the title the service sent',
      { status: 409, code: 'CYCLE.SOMETHING_NEW', title: 'Aturan baru belum terpenuhi.', detail: 'new rule', correlationId: 'corr-2' },
      'Aturan baru belum terpenuhi.',
    ],
    ['a problem without a title: its detail', { status: 409, code: 'LEGACY.CODE', detail: 'legacy detail' }, 'legacy detail'],
    ['a network failure', networkProblem(), 'Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.'],
  ])('shows %s, with the code', (_name, problem, message) => {
    const text = alertText(new ApiError(problem));
    expect(text).toContain(message);
    expect(text).toContain(`Kode: ${problem.code}`);
    if (problem.title) expect(text).not.toContain(problem.detail);
  });

  it('shows the correlation id to quote to the help desk', () => {
    expect(alertText(new ApiError({ status: 403, code: 'AUTH.FORBIDDEN', title: 'Anda tidak berwenang.', detail: 'x', correlationId: 'corr-9' }))).toContain(
      'rujukan corr-9',
    );
  });

  it('titles an answer that is not problem+json (a proxy page) in Indonesian', async () => {
    const html = { status: 502, statusText: 'Bad Gateway', text: async () => '<html>Bad Gateway</html>' } as unknown as Response;
    expect(alertText(new ApiError(await problemFrom(html)))).toContain('Permintaan tidak berhasil (HTTP 502). Silakan coba lagi.');
  });
});
