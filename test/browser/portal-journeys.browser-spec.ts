import { randomUUID } from 'node:crypto';
import { eventually } from '@lib/testing';
import type { Browser } from 'playwright-core';
import { bearer } from '../support/auth';
import { checkPage, DESKTOP, inNewTab, launchChromium, PHONE, saveScreenshot, signIn } from './support/browser';
import { type PortalUnderTest, startPortalUnderTest } from './support/portal-under-test';

/** Kota Banjarmasin as the dev users know it: the units of the registry the journeys walk through. */
const UNITS = [
  { unitId: 'bagian-organisasi', name: 'Bagian Organisasi Setda Kota Banjarmasin', kind: 'bagian' },
  { unitId: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'skpd' },
  { unitId: 'dinkes', name: 'Dinas Kesehatan', kind: 'skpd' },
  { unitId: 'kecamatan-banjarmasin-utara', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' },
];
const CYCLE_NAME = 'PEKPPP 2026';
/** A second cycle, pinned to pekppp-2023 v3, where the unit answers F-01 as questions. */
const QUESTIONS_CYCLE_NAME = 'PEKPPP 2027 (F-01 pertanyaan)';
/** Indicators evaluation proposes a level for from the published standard and the requests: the evaluator confirms the first and overrides the second. */
const PROPOSED = ['1.a.Ak', '3.a.T'];
const KTP_EL = {
  serviceId: 'ktp-el',
  unitId: 'disdukcapil',
  name: 'Penerbitan KTP-el',
  components: [
    'Persyaratan',
    'Sistem, mekanisme dan prosedur',
    'Jangka waktu penyelesaian',
    'Biaya/tarif',
    'Produk pelayanan',
    'Penanganan pengaduan, saran dan masukan',
    'Dasar hukum',
    'Sarana dan prasarana, dan/atau fasilitas',
    'Kompetensi pelaksana',
    'Pengawasan internal',
    'Jumlah pelaksana',
    'Jaminan pelayanan',
    'Jaminan keamanan dan keselamatan pelayanan',
    'Evaluasi kinerja pelaksana',
  ].map((content, i) => ({ number: i + 1, content, publishedOn: i < 7 ? ['website'] : [] })),
  completionWorkingDays: 3,
  costRupiah: 0,
  requirements: ['kartu-keluarga', 'surat-pengantar-rt-rw'],
  product: 'KTP-el',
  effectiveAt: '2026-01-01T00:00:00+07:00',
};

/**
 * What the journeys need, loaded through the services' HTTP APIs as deploy/local/seed-demo.js loads
 * the demo: the units registry, an open PEKPPP cycle with Disdukcapil and Kecamatan Banjarmasin Utara
 * as unit lokus and their evaluators, Disdukcapil's published KTP-el standard and requests taken at its
 * counter (from which evaluation proposes indicator levels), and the tracking code of one request.
 */
/** The quarter running now in Banjarmasin (WITA, UTC+8), as a unit opens its SKM period. */
function currentQuarter(): { start: string; end: string } {
  const wita = new Date(Date.now() + 8 * 3600_000);
  const [year, quarter] = [wita.getUTCFullYear(), Math.floor(wita.getUTCMonth() / 3)];
  const day = (month: number, date: number): string => new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);
  return { start: day(quarter * 3, 1), end: day(quarter * 3 + 3, 0) };
}

interface Seeded {
  cycleId: string;
  questionsCycleId: string;
  trackingCode: string;
  /** Disdukcapil's SKM period of this quarter, as its operator reads it, and the public link of its form. */
  skmSurvey: string;
  skmLink: string;
}

async function seed(portal: PortalUnderTest): Promise<Seeded> {
  const { evaluation, request, survey } = portal.platform.urls;
  const admin = await bearer('admin-orpeg');
  const operator = await bearer('operator-disdukcapil');
  const call = async <T = unknown>(method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, body?: unknown): Promise<T> => {
    const response = await fetch(url, {
      method,
      headers: { ...headers, 'Content-Type': 'application/json', ...(method === 'GET' ? {} : { 'Idempotency-Key': randomUUID() }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} -> ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  for (const unit of UNITS) await call('POST', `${evaluation}/units`, admin, unit);
  const cycleId = randomUUID();
  await call('POST', `${evaluation}/cycles`, admin, {
    cycleId,
    name: CYCLE_NAME,
    rulesetId: 'pekppp-2023',
    rulesetVersion: 1,
    complianceRulesetId: 'ombudsman-2025',
    complianceRulesetVersion: 1,
    windowStart: '2026-01-01',
    windowEnd: '2099-12-31',
    selfAssessmentDue: '2099-12-30',
  });
  await call('PUT', `${evaluation}/cycles/${cycleId}/units/disdukcapil`, admin, {
    evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'],
    leadEvaluatorId: 'dev-evaluator-1',
  });
  await call('PUT', `${evaluation}/cycles/${cycleId}/units/kecamatan-banjarmasin-utara`, admin, {
    evaluatorIds: ['dev-evaluator-2'],
    leadEvaluatorId: 'dev-evaluator-2',
  });

  const questionsCycleId = randomUUID();
  await call('POST', `${evaluation}/cycles`, admin, {
    cycleId: questionsCycleId,
    name: QUESTIONS_CYCLE_NAME,
    rulesetId: 'pekppp-2023',
    rulesetVersion: 3,
    complianceRulesetId: 'ombudsman-2025',
    complianceRulesetVersion: 1,
    windowStart: '2026-01-01',
    windowEnd: '2099-12-31',
    selfAssessmentDue: '2099-12-30',
  });
  await call('PUT', `${evaluation}/cycles/${questionsCycleId}/units/disdukcapil`, admin, {
    evaluatorIds: ['dev-evaluator-1'],
    leadEvaluatorId: 'dev-evaluator-1',
  });

  // Evaluators decide on proposals once the unit has sent its F-01.
  const ruleset = await call<{ aspects: { indicators: { code: string }[] }[] }>('GET', `${evaluation}/rulesets/pekppp-2023/versions/1`, admin);
  const assessment = `${evaluation}/cycles/${cycleId}/units/disdukcapil/assessment`;
  await call('PUT', `${assessment}/draft`, operator, {
    answers: ruleset.aspects.flatMap(({ indicators }) =>
      indicators.map(({ code }) => ({ indicatorCode: code, score: 3, justification: 'Sudah dilaksanakan; bukti terlampir' })),
    ),
  });
  await call('POST', `${assessment}/submit`, operator);

  await call('POST', `${request}/service-standards`, admin, KTP_EL);
  await eventually(() => call('GET', `${request}/service-standards/${KTP_EL.serviceId}`, admin));
  const takeRequest = async (): Promise<{ requestId: string; trackingCode: string }> => {
    const submitted = await call<{ requestId: string; trackingCode: string }>('POST', `${request}/requests`, operator, {
      serviceId: KTP_EL.serviceId,
      suppliedRequirements: KTP_EL.requirements,
    });
    await call('POST', `${request}/requests/${submitted.requestId}/start-processing`, operator);
    return submitted;
  };
  for (const { requestId } of [await takeRequest(), await takeRequest()]) await call('POST', `${request}/requests/${requestId}/complete`, operator);
  const { trackingCode } = await takeRequest();

  await eventually(
    async () => {
      const { proposals } = await call<{ proposals: { indicatorCode: string }[] }>('GET', `${evaluation}/cycles/${cycleId}/units/disdukcapil/proposals`, admin);
      expect(proposals.map(({ indicatorCode }) => indicatorCode)).toEqual(expect.arrayContaining(PROPOSED));
    },
    { timeoutMs: 30_000 },
  );
  await eventually(async () => expect((await call<{ status: string }>('GET', assessment, admin)).status).toBe('submitted'));

  const quarter = currentQuarter();
  const skmSurvey = `${survey}/units/disdukcapil/skm-surveys/quarter/${quarter.start}`;
  const { publicLinkId } = await call<{ publicLinkId: string }>('POST', skmSurvey, operator, { periodEnd: quarter.end });
  await eventually(() => call('GET', `${survey}/public/skm-surveys/${publicLinkId}`, {}));
  return { cycleId, questionsCycleId, trackingCode, skmSurvey, skmLink: publicLinkId };
}

describe('people at work in the portal, in Chromium, against the running platform', () => {
  let portal: PortalUnderTest;
  let browser: Browser;
  let seeded: Seeded;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startPortalUnderTest('browser-journeys'), launchChromium()]);
    if (started.status === 'fulfilled') portal = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    seeded = await seed(portal);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('Bagian Organisasi signs in and sees the cycle and its unit lokus', () =>
    inNewTab(browser, DESKTOP, 'admin', async (page) => {
      await signIn(page, portal.url, 'admin-orpeg');
      await page.getByRole('link', { name: CYCLE_NAME }).waitFor();
      expect(await checkPage(page, 'admin-cycles')).toEqual([]);

      await page.getByRole('link', { name: CYCLE_NAME }).click();
      const lokus = page.getByRole('table', { name: 'Unit lokus' });
      await lokus.waitFor();
      await expect(lokus.getByRole('row').allInnerTexts()).resolves.toEqual([
        expect.stringContaining('Unit'),
        expect.stringContaining('disdukcapil'),
        expect.stringContaining('kecamatan-banjarmasin-utara'),
      ]);
      expect(await checkPage(page, 'admin-cycle')).toEqual([]);
    }));

  it("an evaluator confirms one of a unit's proposals and overrides another with a note, and sees both decisions", () =>
    inNewTab(browser, DESKTOP, 'evaluator', async (page) => {
      await signIn(page, portal.url, 'evaluator-1');
      // disdukcapil is a unit lokus of both seeded cycles: the one of this cycle's row.
      await page
        .getByRole('row', { name: new RegExp(`^${CYCLE_NAME}\\s`) })
        .getByRole('link', { name: 'disdukcapil' })
        .click();
      await page.waitForURL(`${portal.url}/siklus/${seeded.cycleId}/unit/disdukcapil`);
      const [confirmed, overridden] = PROPOSED.map((code) => page.getByRole('article', { name: new RegExp(`^${code.replace(/\./g, '\\.')} `) }));
      await confirmed.getByRole('button', { name: 'Konfirmasi usulan' }).waitFor();
      await saveScreenshot(page, 'evaluator-proposals');

      await confirmed.getByRole('button', { name: 'Konfirmasi usulan' }).click();
      await confirmed.getByRole('status').getByText('Usulan dikonfirmasi.').waitFor();
      await expect(confirmed.locator('.decision').innerText()).resolves.toBe('Dikonfirmasi');

      await overridden.getByRole('button', { name: 'Ubah nilai' }).click();
      const form = overridden.getByRole('form', { name: `Ubah nilai usulan ${PROPOSED[1]}` });
      await form.getByRole('radio', { name: /^2 — / }).check();
      await form.getByLabel(`Catatan perubahan ${PROPOSED[1]}`).fill('Maklumat pelayanan terpasang, tetapi belum dievaluasi berkala');
      await form.getByRole('button', { name: 'Simpan perubahan' }).click();
      await overridden.getByRole('status').getByText('Perubahan nilai tersimpan.').waitFor();
      await expect(overridden.locator('.decision').innerText()).resolves.toBe('Diubah evaluator');
      await overridden.getByText('Maklumat pelayanan terpasang, tetapi belum dievaluasi berkala', { exact: false }).waitFor();
      await saveScreenshot(confirmed, `evaluator-confirmed-${PROPOSED[0]}`);
      await saveScreenshot(overridden, `evaluator-overridden-${PROPOSED[1]}`);
      await page.getByLabel('Kemajuan penilaian F-02').getByText(`${PROPOSED.length} dari 30 indikator dinilai`).waitFor();
      expect(await checkPage(page, 'evaluator-decided')).toEqual([]);
    }));

  it("an SKPD operator sees its own unit's Ombudsman compliance, read-only", () =>
    inNewTab(browser, DESKTOP, 'operator', async (page) => {
      await signIn(page, portal.url, 'operator-disdukcapil');
      const panel = page.getByRole('region', { name: 'Kepatuhan Ombudsman' });
      await panel.getByText(/^Nilai \d+,\d\d/).waitFor();
      // What evaluators and Bagian Organisasi record there is not offered to the unit itself.
      await expect(page.getByRole('form', { name: 'Catat pengamatan kepatuhan' }).count()).resolves.toBe(0);
      await expect(panel.getByRole('radio').count()).resolves.toBe(0);
      expect(await checkPage(page, 'operator-compliance')).toEqual([]);
    }));

  it("an SKPD operator answers the first aspect's F-01 questions, saves, and sees the claimed levels and the progress", () =>
    inNewTab(browser, DESKTOP, 'operator-f01-questions', async (page) => {
      await signIn(page, portal.url, 'operator-disdukcapil');
      await page.getByRole('link', { name: QUESTIONS_CYCLE_NAME }).click();
      await page.waitForURL(`${portal.url}/siklus/${seeded.questionsCycleId}/unit/disdukcapil`);
      const aspect = page.getByRole('tabpanel');
      await aspect.locator('.question').first().waitFor();

      // Answering a question can show the next one (skip logic): answer until none is left open.
      for (let pass = 0; pass < 6; pass += 1) {
        let answeredNow = 0;
        for (const question of await aspect.locator('.question').all()) {
          const input = question.locator('fieldset.choices:not(.evidence-pick), .field').first();
          const radios = input.getByRole('radio');
          const boxes = input.getByRole('checkbox');
          const number = input.getByRole('spinbutton');
          const text = input.getByRole('textbox');
          if ((await radios.count()) > 0) {
            if ((await input.locator('input:checked').count()) > 0) continue;
            await radios.first().check();
          } else if ((await boxes.count()) > 0) {
            if ((await input.locator('input:checked').count()) > 0) continue;
            await boxes.first().check();
          } else if ((await number.count()) > 0) {
            if ((await number.inputValue()) !== '') continue;
            await number.fill('1');
          } else {
            if ((await text.inputValue()) !== '') continue;
            await text.fill('Sudah dilaksanakan; bukti terlampir');
          }
          answeredNow += 1;
        }
        if (answeredNow === 0) break;
      }
      await page.getByText('Ada perubahan yang belum disimpan.').waitFor();
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByText('Draf tersimpan.').waitFor();
      const progress = aspect.getByLabel('Kemajuan aspek');
      const indicators = await aspect.getByRole('article').count();
      await expect(progress.innerText()).resolves.toMatch(
        new RegExp(`^${indicators} dari ${indicators} indikator terjawab lengkap · (\\d+) dari \\1 pertanyaan dijawab$`),
      );
      await aspect
        .locator('.claimed-level strong')
        .first()
        .getByText(/^\d — /)
        .waitFor();
      await expect(aspect.locator('.claimed-level strong').allInnerTexts()).resolves.toEqual(Array(indicators).fill(expect.stringMatching(/^\d — /)));
      await saveScreenshot(page.getByRole('region', { name: 'Simpan F-01' }), 'operator-f01-questions-save-bar');
      expect(await checkPage(page, 'operator-f01-questions-saved')).toEqual([]);
    }).then(() =>
      inNewTab(browser, DESKTOP, 'evaluator-f01-questions', async (page) => {
        await signIn(page, portal.url, 'evaluator-1');
        await page.goto(`${portal.url}/siklus/${seeded.questionsCycleId}/unit/disdukcapil`);
        const first = page.getByRole('article', { name: /^1\.a\.Ak / });
        await first.getByText(/^Level klaim SKPD: \d — /).waitFor();
        await first.getByText(/^Aturan Pantau \(pantau\/f01\/1\.a\.Ak\)/).waitFor();
        await page
          .getByLabel('Kemajuan penilaian F-02')
          .getByText(/^0 dari \d+ indikator dinilai$/)
          .waitFor();
        await saveScreenshot(first, 'evaluator-f01-questions-1.a.Ak');
      }),
    ));

  it('a citizen tracks a request by its code on a phone', () =>
    inNewTab(browser, PHONE, 'citizen-tracking', async (page) => {
      await page.goto(`${portal.url}/lacak`);
      await page.getByLabel('Kode pelacakan').fill(seeded.trackingCode.toLowerCase());
      await page.getByRole('button', { name: 'Lacak' }).click();
      await page.getByText('Sedang diproses').waitFor();
      expect(await checkPage(page, 'citizen-tracking-phone')).toEqual([]);
    }));

  it('a citizen answers the SKM of a unit on a phone, and the unit counts the response', () =>
    inNewTab(browser, PHONE, 'citizen-skm', async (page) => {
      await page.goto(`${portal.url}/survei/${seeded.skmLink}`);
      const unsur = page.getByRole('group', { name: /^\d+\. / });
      await unsur.first().waitFor();
      for (const question of await unsur.all()) await question.getByRole('radio').nth(2).check();
      await page.getByLabel('Saran (opsional)').fill('Antrean pagi panjang, mohon tambah loket');
      expect(await checkPage(page, 'citizen-skm-phone')).toEqual([]);

      await page.getByRole('button', { name: 'Kirim' }).click();
      await page.getByRole('status').getByText('Terima kasih! Tanggapan Anda sudah kami terima.').waitFor();
      await saveScreenshot(page, 'citizen-skm-thanks-phone');
      const operator = await bearer('operator-disdukcapil');
      await eventually(async () => {
        const response = await fetch(`${seeded.skmSurvey}/result`, { headers: operator });
        expect(((await response.json()) as { result?: { respondents: number } }).result?.respondents).toBe(1);
      });
    }));
});
