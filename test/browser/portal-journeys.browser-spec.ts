import { randomUUID } from 'node:crypto';
import { eventually } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { bearer } from '../support/auth';
import { checkPage, DESKTOP, launchChromium, openPage, PHONE, signIn } from './support/browser';
import { type PortalUnderTest, startPortalUnderTest } from './support/portal-under-test';

/** Kota Banjarmasin as the dev users know it: the units of the registry the journeys walk through. */
const UNITS = [
  { unitId: 'bagian-organisasi', name: 'Bagian Organisasi Setda Kota Banjarmasin', kind: 'bagian' },
  { unitId: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'skpd' },
  { unitId: 'dinkes', name: 'Dinas Kesehatan', kind: 'skpd' },
  { unitId: 'kecamatan-banjarmasin-utara', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' },
];
const CYCLE_NAME = 'PEKPPP 2026';
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
async function seed(portal: PortalUnderTest): Promise<{ cycleId: string; trackingCode: string }> {
  const { evaluation, request } = portal.platform.urls;
  const admin = await bearer('admin-orpeg');
  const operator = await bearer('operator-disdukcapil');
  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, body?: unknown): Promise<any> => {
    const response = await fetch(url, {
      method,
      headers: { ...headers, 'Content-Type': 'application/json', ...(method === 'GET' ? {} : { 'Idempotency-Key': randomUUID() }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url} -> ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
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
  await call('PUT', `${evaluation}/cycles/${cycleId}/units/disdukcapil`, admin, { evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-1' });
  await call('PUT', `${evaluation}/cycles/${cycleId}/units/kecamatan-banjarmasin-utara`, admin, {
    evaluatorIds: ['dev-evaluator-2'],
    leadEvaluatorId: 'dev-evaluator-2',
  });

  await call('POST', `${request}/service-standards`, admin, KTP_EL);
  await eventually(() => call('GET', `${request}/service-standards/${KTP_EL.serviceId}`, admin));
  let trackingCode = '';
  for (let i = 0; i < 3; i++) {
    const submitted = await call('POST', `${request}/requests`, operator, { serviceId: KTP_EL.serviceId, suppliedRequirements: KTP_EL.requirements });
    await call('POST', `${request}/requests/${submitted.requestId}/start-processing`, operator);
    if (i < 2) await call('POST', `${request}/requests/${submitted.requestId}/complete`, operator);
    trackingCode = submitted.trackingCode;
  }
  await eventually(
    async () => {
      const { proposals } = await call('GET', `${evaluation}/cycles/${cycleId}/units/disdukcapil/proposals`, admin);
      console.log(JSON.stringify(proposals.map((p: any) => [p.indicatorCode, p.level])));
      expect(proposals.length).toBeGreaterThanOrEqual(2);
    },
    { timeoutMs: 30_000 },
  );
  return { cycleId, trackingCode };
}

describe('people at work in the portal, in Chromium, against the running platform', () => {
  let portal: PortalUnderTest;
  let browser: Browser;
  let cycleId: string;
  let trackingCode: string;
  const pages: Page[] = [];

  const desktopPage = async (): Promise<Page> => {
    const page = await openPage(browser, DESKTOP);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startPortalUnderTest('browser-journeys'), launchChromium()]);
    if (started.status === 'fulfilled') portal = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    ({ cycleId, trackingCode } = await seed(portal));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('Bagian Organisasi signs in and sees the cycle and its unit lokus', async () => {
    const page = await desktopPage();
    await signIn(page, portal.url, 'admin-orpeg');
    await page.getByRole('link', { name: CYCLE_NAME }).click();
    await page.getByRole('table', { name: 'Unit lokus' }).waitFor();
    await expect(page.getByRole('link', { name: 'disdukcapil' }).count()).resolves.toBe(1);
    expect(await checkPage(page, 'admin-cycle')).toEqual([]);
  });
});
