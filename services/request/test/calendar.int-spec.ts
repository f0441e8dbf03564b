import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { type RequestEvent, requestCodec, topics } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { BackgroundWorkers, Clock } from '@lib/platform';
import { createTestDatabase, eventually, readTopic, type TestDatabase, testKafka, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { RequestConfig } from '../src/config';
import { requestDatabase } from '../src/migrations';
import { ShipNationalCalendars } from '../src/request/commands/ship-national-calendars.task';
import { CalendarsProjection } from '../src/request/projections/calendars.projection';

describe('working-day calendars over HTTP, PostgreSQL and Kafka', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const otherTenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const twoDays = `legalisir-${randomUUID().slice(0, 8)}`;
  const sevenDays = `akta-${randomUUID().slice(0, 8)}`;
  let admin: { Authorization: string };
  let otherAdmin: { Authorization: string };
  let officer: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  // The service's clock: each test sets the instant its deadlines are computed from.
  let now = '2026-09-22T02:00:00.000Z';
  const http = () => request(app.getHttpServer());

  const standard = (serviceId: string, completionWorkingDays: number) => ({
    serviceId,
    unitId,
    name: `Layanan ${serviceId}`,
    components: Array.from({ length: 14 }, (_, i) => ({ number: i + 1, content: `komponen ${i + 1}`, publishedOn: i < 6 ? ['website'] : [] })),
    completionWorkingDays,
    costRupiah: 0,
    requirements: ['kartu-keluarga'],
    product: 'Dokumen',
    effectiveAt: '2026-01-01T00:00:00+07:00',
  });

  /** A signed 2027 SKB stands in here as test data: the real one is not published yet. */
  const skb2027Fixture = async () => {
    const provisional = (await http().get('/calendars/2027').set(admin).expect(200)).body;
    return {
      provisional: false,
      source: 'test fixture standing in for the SKB 2027',
      holidays: [
        ...provisional.holidays.map((h: { date: string; kind: string; name: string }) => ({
          date: h.date,
          kind: h.kind,
          name: h.name,
          source: 'test fixture',
        })),
        { date: '2027-01-04', kind: 'cuti-bersama', name: 'Cuti bersama (fixture)', source: 'test fixture' },
      ],
    };
  };

  async function submit(serviceId: string) {
    const response = await http()
      .post('/requests')
      .set(officer)
      .send({ serviceId, suppliedRequirements: ['kartu-keluarga'] })
      .expect(201);
    return response.body as { requestId: string; trackingCode: string; dueDate: string; dueDateProvisional: boolean; calendarId: string };
  }

  const storedDueDate = async (requestId: string) =>
    (await db.pool.query(`SELECT payload->>'dueDate' AS due FROM events WHERE stream_id = $1 AND event_type = 'RequestSubmitted'`, [`request-${requestId}`]))
      .rows[0].due;

  beforeAll(async () => {
    admin = await bearer('admin-orpeg', { tenantId });
    otherAdmin = await bearer('admin-orpeg', { tenantId: otherTenantId });
    officer = await bearer('operator-disdukcapil', { tenantId, unitId });
    db = await createTestDatabase([], 'pantau_cal');
    app = await startService(
      { name: 'request', configClass: RequestConfig, appModule: AppModule, database: requestDatabase },
      { DATABASE_URL: db.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_CONSUMER_GROUP_PREFIX: `cal-int-${randomUUID().slice(0, 8)}.` },
    );
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date(now));
    for (const [serviceId, days] of [
      [twoDays, 2],
      [sevenDays, 7],
    ] as const) {
      await http().post('/service-standards').set(officer).send(standard(serviceId, days)).expect(201);
      await eventually(() => http().get(`/service-standards/${serviceId}`).set(officer).expect(200));
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('ships the national calendar at boot, once, with 2027 provisional pending its SKB', async () => {
    const year = await http().get('/calendars/2027').set(admin).expect(200);
    expect(year.body).toMatchObject({
      year: 2027,
      nationalVersionId: 'id-national@2027-provisional-1',
      publishedBy: 'national',
      provisional: true,
      provisionalReason: expect.stringMatching(/SKB .* not signed/),
      utcOffsetMinutes: 420,
      workingDays: 251,
    });
    expect(year.body.holidays).toContainEqual(
      expect.objectContaining({
        date: '2027-03-09',
        weekday: 'Selasa',
        kind: 'national-holiday',
        name: 'Idul Fitri 1448 H',
        provisional: true,
        source: expect.stringMatching(/Umm al-Qura/),
      }),
    );
    expect(year.body.holidays).toContainEqual(expect.objectContaining({ date: '2027-08-17', provisional: false }));

    await app.get(ShipNationalCalendars).onApplicationBootstrap(); // a restart
    const shipped = await db.pool.query(`SELECT payload->>'calendarVersionId' AS id FROM events WHERE stream_id = 'national-calendar' ORDER BY stream_version`);
    expect(shipped.rows.map((row) => row.id)).toEqual(['id-national@2025-1', 'id-national@2026-1', 'id-national@2027-provisional-1']);

    const uncovered = await http().get('/calendars/2028').set(admin).expect(404);
    expect(uncovered.body.code).toBe('CALENDAR_YEAR.NOT_FOUND');
  });

  it('moves the due date of requests submitted after a local holiday is added, not of earlier ones', async () => {
    now = '2026-09-22T02:00:00.000Z'; // Tuesday 09:00 WIB
    const before = await submit(twoDays);
    expect(before).toMatchObject({
      dueDate: '2026-09-24',
      dueDateProvisional: false,
      calendarId: expect.stringMatching(new RegExp(`\\+tenant-${tenantId}@0$`)),
    });

    const key = `hari-jadi-${randomUUID()}`;
    const holiday = { date: '2026-09-24', name: 'Hari Jadi Kota Banjarmasin', source: 'Perda Kota Banjarmasin' };
    const added = await http()
      .post('/calendars/local-holidays')
      .set({ ...admin, 'Idempotency-Key': key })
      .send(holiday)
      .expect(201);
    expect(added.body).toMatchObject({ tenantId, version: 1, localHolidays: [holiday] });
    const replayed = await http()
      .post('/calendars/local-holidays')
      .set({ ...admin, 'Idempotency-Key': key })
      .send(holiday)
      .expect(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual({ ...added.body, appended: 0, duplicate: true });

    const refused = await http()
      .post('/calendars/local-holidays')
      .set(officer)
      .send({ ...holiday, date: '2026-10-05' })
      .expect(403);
    expect(refused.body.code).toBe('AUTH.FORBIDDEN');

    await eventually(async () => {
      const year = await http().get(`/calendars/2026?unitId=${unitId}`).set(officer).expect(200);
      expect(year.body.holidays).toContainEqual(expect.objectContaining({ ...holiday, kind: 'local-holiday', weekday: 'Kamis', dayOff: true }));
      expect(year.body.workingDays).toBe(239);
    });
    const after = await submit(twoDays);
    expect(after).toMatchObject({
      dueDate: '2026-09-25',
      dueDateProvisional: false,
      calendarId: expect.stringMatching(new RegExp(`\\+tenant-${tenantId}@1$`)),
    });

    expect(await storedDueDate(before.requestId)).toBe('2026-09-24');
    const listed = await eventually(async () => {
      const page = await http().get(`/requests?unitId=${unitId}`).set(officer).expect(200);
      expect(page.body.items.map((item: { requestId: string }) => item.requestId)).toEqual(expect.arrayContaining([before.requestId, after.requestId]));
      return page.body.items as { requestId: string; dueDate: string; calendarId: string }[];
    });
    expect(listed.find((item) => item.requestId === before.requestId)).toMatchObject({ dueDate: '2026-09-24', calendarId: before.calendarId });
    expect(listed.find((item) => item.requestId === after.requestId)).toMatchObject({ dueDate: '2026-09-25', calendarId: after.calendarId });
  });

  it('flags deadlines over provisional 2027; a published SKB applies to later requests of its tenant only', async () => {
    now = '2026-12-21T02:00:00.000Z'; // Monday; 24 Dec cuti bersama, 25 Dec Natal, 1 Jan New Year
    const provisional = await submit(sevenDays);
    expect(provisional).toMatchObject({ dueDate: '2027-01-04', dueDateProvisional: true, calendarId: expect.stringContaining('2027-provisional-1') });
    await eventually(async () => {
      const status = await http().get(`/public/requests/${provisional.trackingCode}`).expect(200);
      expect(status.body).toMatchObject({ dueDate: '2027-01-04', dueDateProvisional: true });
    });

    const complaint = await http()
      .post('/complaints')
      .set(officer)
      .send({ unitId, channel: 'web', category: 'dispute-without-field-check', subject: 'Berkas', description: '', reporter: { name: 'Warga' } })
      .expect(201);
    expect(complaint.body).toMatchObject({ statusDueDate: '2026-12-28', resolutionDueDate: '2027-01-14', deadlinesProvisional: true });
    await eventually(async () => {
      const listed = await http().get(`/complaints/${complaint.body.complaintId}`).set(officer).expect(200);
      expect(listed.body).toMatchObject({ resolutionDueDate: '2027-01-14', deadlinesProvisional: true });
    });

    const published = await http()
      .put('/calendars/2027/national')
      .set(admin)
      .send(await skb2027Fixture())
      .expect(200);
    expect(published.body.nationalYears).toEqual([{ calendarVersionId: 'id-national@2027-2', year: 2027, revision: 2, provisional: false }]);
    await eventually(async () => {
      const year = await http().get('/calendars/2027').set(admin).expect(200);
      expect(year.body).toMatchObject({ nationalVersionId: 'id-national@2027-2', publishedBy: 'tenant', provisional: false, workingDays: 250 });
    });

    const confirmed = await submit(sevenDays);
    expect(confirmed).toMatchObject({ dueDate: '2027-01-06', dueDateProvisional: false, calendarId: expect.stringContaining('2027-2+') });
    expect(await storedDueDate(provisional.requestId)).toBe('2027-01-04');

    const elsewhere = await http().get('/calendars/2027').set(otherAdmin).expect(200);
    expect(elsewhere.body).toMatchObject({ nationalVersionId: 'id-national@2027-provisional-1', publishedBy: 'national' });
  });

  it('counts from the WITA date once the tenant is set to WITA', async () => {
    now = '2026-10-01T16:30:00.000Z'; // Thursday 23:30 WIB, Friday 00:30 WITA
    expect((await submit(twoDays)).dueDate).toBe('2026-10-05');
    const changed = await http()
      .put('/calendars/settings')
      .set(admin)
      .send({ utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: false, reason: 'zona WITA' })
      .expect(200);
    expect(changed.body).toMatchObject({ utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: false });
    await eventually(async () => expect((await http().get('/calendars/2026').set(admin).expect(200)).body.utcOffsetMinutes).toBe(480));
    expect((await submit(twoDays)).dueDate).toBe('2026-10-06');
  });

  it('removes a local holiday once', async () => {
    const holiday = { date: '2026-11-10', name: 'Libur daerah', source: '' };
    await http().post('/calendars/local-holidays').set(admin).send(holiday).expect(201);
    const removed = await http().post(`/calendars/local-holidays/${holiday.date}/remove`).set(admin).send({ reason: 'dibatalkan' }).expect(200);
    expect(removed.body.localHolidays.map((h: { date: string }) => h.date)).not.toContain(holiday.date);
    const again = await http().post(`/calendars/local-holidays/${holiday.date}/remove`).set(admin).send({}).expect(404);
    expect(again.body.code).toBe('LOCAL_HOLIDAY.NOT_FOUND');
  });

  it.each<[string, 'get' | 'put' | 'post', string, object, string]>([
    ['an offset Indonesia does not use', 'put', '/calendars/settings', { utcOffsetMinutes: 450, cutiBersamaIsWorkingDay: false }, 'utcOffsetMinutes'],
    ['settings without the cuti bersama choice', 'put', '/calendars/settings', { utcOffsetMinutes: 480 }, 'cutiBersamaIsWorkingDay'],
    ['a date that does not exist', 'post', '/calendars/local-holidays', { date: '2026-02-30', name: 'x' }, 'date'],
    ['a date not written YYYY-MM-DD', 'post', '/calendars/local-holidays', { date: '24-09-2026', name: 'x' }, 'date'],
    ['a date before 2000', 'post', '/calendars/local-holidays', { date: '1999-09-24', name: 'x' }, 'date'],
    ['a local holiday without a name', 'post', '/calendars/local-holidays', { date: '2026-09-24', name: '' }, 'name'],
    ['a malformed date in the path', 'post', '/calendars/local-holidays/2026-13-01/remove', {}, 'date'],
    ['a year out of range', 'get', '/calendars/1999', {}, 'year'],
    [
      'a national holiday outside its year',
      'put',
      '/calendars/2027/national',
      { provisional: false, source: 's', holidays: [{ date: '2026-12-25', kind: 'national-holiday', name: 'Natal' }] },
      'holidays[0].date',
    ],
    [
      'a local holiday in a national year',
      'put',
      '/calendars/2027/national',
      { provisional: false, source: 's', holidays: [{ date: '2027-09-24', kind: 'local-holiday', name: 'x' }] },
      'holidays[0].kind',
    ],
    [
      'a provisional year without a reason',
      'put',
      '/calendars/2027/national',
      { provisional: true, source: 's', holidays: [{ date: '2027-01-01', kind: 'national-holiday', name: 'Tahun Baru' }] },
      'provisionalReason',
    ],
    [
      'an estimated date without a source',
      'put',
      '/calendars/2027/national',
      { provisional: false, source: 's', holidays: [{ date: '2027-03-09', kind: 'national-holiday', name: 'Idul Fitri', provisional: true }] },
      'holidays[0].source',
    ],
  ])('refuses %s with a 400 naming the field', async (_name, method, path, body, field) => {
    const response = await http()[method](path).set(admin).send(body).expect(400);
    expect(response.body.code).toBe('INPUT.INVALID');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('publishes the calendar events to Kafka with the tenant in the envelope', async () => {
    const streamId = `calendar-${tenantId}`;
    const messages = (
      await readTopic(testKafka(), topics.request, (read) =>
        read.some((m) => m.headers['stream-id'] === streamId && m.headers['event-type'] === 'LocalHolidayRemoved'),
      )
    ).filter((m) => m.headers['stream-id'] === streamId);
    expect(messages.map((m) => m.headers['event-type'])).toEqual(
      expect.arrayContaining(['LocalHolidayAdded', 'NationalCalendarYearPublished', 'TenantCalendarSettingsChanged', 'LocalHolidayRemoved']),
    );
    expect(messages[0].headers).toMatchObject({ 'tenant-id': tenantId, 'actor-id': 'dev-admin-orpeg' });
    expect(requestCodec.decode(messages[0].value)).toMatchObject({ $case: 'localHolidayAdded', value: { tenantId, date: '2026-09-24' } });
  });

  it('rebuilds the calendar read model to the same rows', async () => {
    const projector = app.get(BackgroundWorkers).projectors.find((candidate) => candidate.name === 'projection:calendars_v1');
    expect(projector).toBeDefined();
    const snapshot = async () =>
      Promise.all(
        ['calendar_national_years_v1 ORDER BY scope, year, revision', 'tenant_calendars_v1 ORDER BY tenant_id'].map(
          async (table) => (await db.pool.query(`SELECT * FROM ${table}`)).rows,
        ),
      );
    await projector?.catchUp();
    const before = await snapshot();
    expect(before[1]).toEqual([
      expect.objectContaining({ tenant_id: tenantId, version: 5, utc_offset_minutes: 480, local_holidays: [expect.objectContaining({ date: '2026-09-24' })] }),
    ]);
    await projector?.rebuild();
    expect(await snapshot()).toEqual(before);

    // The same events applied once more, as after a crash between apply and checkpoint, change nothing.
    const store = app.get<EventStore<RequestEvent>>(EventStore);
    const history = [...(await store.readStream('national-calendar')), ...(await store.readStream(`calendar-${tenantId}`))];
    const client = await db.pool.connect();
    try {
      await app.get(CalendarsProjection).apply(history, client);
    } finally {
      client.release();
    }
    expect(await snapshot()).toEqual(before);
  });
});
