import type { Database, EventStore } from '@baken/event-store';
import { NOTIFICATIONS_SUBSCRIBER, verifySignature, WebhookSweeper } from '@baken/notifications';
import { DATABASE, EVENT_STORE, SubscriptionRegistry } from '@baken/platform';
import { rebuildProjection } from '@baken/reporting';
import { queryDatabase } from '../../e2e/support/database';
import { bodies, ok, registerSignal } from '../../e2e/support/cases';
import { startTestApp, type ApiClient, type TestApp } from '../../e2e/support/test-app';
import { daysAgo } from '../deadlines/support/deadlines';
import { startRedisServer, waitFor, type RedisServer } from '../deadlines/support/redis-server';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

interface DeliveryRow {
  delivery_id: string;
  organisation: string;
  kind: string;
  status: string;
  attempts: number;
  round: number;
  last_status: number | null;
  last_error: string | null;
  body: string;
}

/**
 * The API process with workers on, its own Redis and a local receiver: a notification for an organisation with a
 * webhook is POSTed to it once, signed; a receiver that fails is retried with backoff until the delivery is a dead
 * letter; nothing is sent twice after a rebuild; what fell in a Redis outage is delivered when it returns.
 */
describe('webhook deliveries on BullMQ', () => {
  let redis: RedisServer;
  let receiver: WebhookReceiver;
  let t: TestApp;
  let admin: ApiClient;
  let coordinator: ApiClient;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    redis = await startRedisServer();
    receiver = await startWebhookReceiver();
    t = await startTestApp({
      now: new Date(),
      env: {
        REDIS_URL: redis.url,
        BAKEN_RUN_WORKERS: 'true',
        BAKEN_SUBSCRIPTION_POLL_MS: '100',
        BAKEN_DEADLINE_SWEEP_MS: '600000',
        BAKEN_WEBHOOK_ATTEMPTS: '3',
        BAKEN_WEBHOOK_BACKOFF_MS: '200',
        BAKEN_WEBHOOK_TIMEOUT_MS: '500',
        // No periodic sweep: what is delivered comes from the subscriber's jobs, and from the sweep when Redis returns.
        BAKEN_WEBHOOK_SWEEP_MS: '600000',
      },
    });
    admin = await t.as('admin');
    coordinator = await t.as('coordinator.de-baronie');
    for (const [organisation, path] of [
      ['labour_inspectorate', '/nla'],
      ['police_avim', '/politie'],
      ['veilig_thuis', '/veilig-thuis'],
      ['youth_care', '/jeugdzorg'],
    ]) {
      const res = ok(
        await admin.put(`/api/admin/organisations/${organisation}/webhook`, { url: `${receiver.url}${path}` }),
        201,
        `webhook of ${organisation}`,
      );
      secrets.set(organisation, res.body.secret);
    }
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await redis?.stop();
  }, 30_000);

  /** A case of the coordinator's, forwarded at triage to `organisation`: a notification for that organisation. */
  const forwardTo = async (organisation: string): Promise<string> => {
    const { caseId } = await registerSignal(coordinator, { receivedOn: daysAgo(1) });
    ok(await coordinator.post(`/api/cases/${caseId}/assign`, bodies.assign()), 200, 'assign');
    ok(
      await coordinator.post(
        `/api/cases/${caseId}/triage`,
        bodies.triage('forward', { forwardedTo: organisation, decidedOn: daysAgo(0) }),
      ),
      200,
      'triage',
    );
    return caseId;
  };
  const deliveriesOf = (caseId: string) =>
    queryDatabase<DeliveryRow & Record<string, unknown>>(
      t.database.url,
      `SELECT d.delivery_id::text, d.organisation, d.kind, d.status, d.attempts, d.round, d.last_status, d.last_error, d.body
       FROM webhook_deliveries d JOIN notifications n ON n.notification_id = d.notification_id
       WHERE n.case_id = $1 ORDER BY d.created_at`,
      [caseId],
    );
  const deliveryOf = async (caseId: string): Promise<DeliveryRow> => {
    await waitFor(async () => (await deliveriesOf(caseId)).length > 0, 20_000, 'no delivery was written');
    return (await deliveriesOf(caseId))[0];
  };
  const waitForStatus = async (caseId: string, status: string, timeoutMs = 20_000) => {
    await waitFor(
      async () => (await deliveriesOf(caseId))[0]?.status === status,
      timeoutMs,
      `the delivery did not become ${status}`,
    );
    return (await deliveriesOf(caseId))[0];
  };
  const requestsFor = (deliveryId: string) =>
    receiver.requests.filter((r) => r.headers['baken-delivery'] === deliveryId);

  it("POSTs a notification to its organisation's receiver once, signed with the organisation's secret", async () => {
    const caseId = await forwardTo('labour_inspectorate');
    const delivered = await waitForStatus(caseId, 'delivered');
    const [request] = requestsFor(delivered.delivery_id);
    expect(request.path).toBe('/nla');
    expect(request.headers['content-type']).toBe('application/json');
    expect(
      verifySignature(
        secrets.get('labour_inspectorate')!,
        request.body,
        request.headers['baken-signature'] as string,
        t.clock.now(),
      ),
    ).toBe(true);
    expect(
      verifySignature(
        secrets.get('police_avim')!,
        request.body,
        request.headers['baken-signature'] as string,
        t.clock.now(),
      ),
    ).toBe(false);

    const [notification] = ok(
      await (await t.as('partner.labour-inspectorate')).get('/api/me/notifications'),
      200,
      'inbox',
    ).body.items.filter((n: { caseId: string }) => n.caseId === caseId);
    expect(JSON.parse(request.body)).toEqual({
      id: notification.id,
      kind: 'case_forwarded',
      at: notification.at,
      caseId,
      reference: notification.reference,
      text: `Casus ${notification.reference} is naar uw organisatie doorverwezen`,
    });

    // Another sweep and a while later: still one request.
    await t.app.get(WebhookSweeper).sweep();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(requestsFor(delivered.delivery_id)).toHaveLength(1);
    expect(delivered).toEqual(expect.objectContaining({ attempts: 1, last_status: 200, last_error: null }));

    const webhooks = ok(await admin.get('/api/admin/webhooks'), 200, 'webhooks').body.items;
    expect(webhooks.find((w: { organisation: string }) => w.organisation === 'labour_inspectorate')).toEqual(
      expect.objectContaining({
        url: `${receiver.url}/nla`,
        updatedBy: 'admin',
        health: expect.objectContaining({ delivered: expect.any(Number), dead: 0, lastStatus: 200, lastError: null }),
      }),
    );
    expect(JSON.stringify(webhooks)).not.toContain(secrets.get('labour_inspectorate'));
  }, 60_000);

  it('retries a receiver that answers 500 with backoff, keeps the delivery as a dead letter after the last attempt, and delivers it when an administrator retries it', async () => {
    receiver.answer('/politie', { status: 500 });
    const caseId = await forwardTo('police_avim');
    const dead = await waitForStatus(caseId, 'dead');
    expect(dead).toEqual(expect.objectContaining({ attempts: 3, last_status: 500, last_error: 'HTTP 500' }));
    const attempts = requestsFor(dead.delivery_id);
    expect(attempts).toHaveLength(3);
    // Exponential backoff (200 ms, then 400 ms), the same body each time, signed anew.
    expect(attempts[1].at.getTime() - attempts[0].at.getTime()).toBeGreaterThanOrEqual(150);
    expect(attempts[2].at.getTime() - attempts[1].at.getTime()).toBeGreaterThanOrEqual(350);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);

    const letters = ok(await admin.get('/api/admin/webhooks/dead-letters'), 200, 'dead letters').body.items;
    expect(letters).toContainEqual({
      deliveryId: dead.delivery_id,
      organisation: 'police_avim',
      kind: 'case_forwarded',
      attempts: 3,
      createdAt: expect.any(String),
      deadAt: expect.any(String),
      lastStatus: 500,
      lastError: 'HTTP 500',
    });
    // What it carried is case content: not for administrators.
    expect(JSON.stringify(letters)).not.toContain(caseId);

    receiver.answer('/politie', { status: 204 });
    const retried = ok(
      await admin.post(`/api/admin/webhooks/dead-letters/${dead.delivery_id}/retry`),
      202,
      'retry the dead letter',
    );
    expect(retried.body).toEqual({ deliveryId: dead.delivery_id, status: 'pending', enqueued: true });
    const delivered = await waitForStatus(caseId, 'delivered');
    expect(delivered).toEqual(expect.objectContaining({ round: 1, attempts: 1, last_status: 204 }));
    expect(requestsFor(dead.delivery_id)).toHaveLength(4);
    // Delivered now: a second retry is refused.
    expect((await admin.post(`/api/admin/webhooks/dead-letters/${dead.delivery_id}/retry`)).status).toBe(409);

    const changes = ok(await admin.get('/api/admin/webhooks/changes'), 200, 'changes').body.items;
    expect(changes[0]).toEqual(
      expect.objectContaining({
        username: 'admin',
        role: 'admin',
        organisation: 'police_avim',
        action: 'dead_letter_retried',
        deliveryId: dead.delivery_id,
      }),
    );
  }, 60_000);

  it('never follows a redirect, and gives an attempt up after its time limit', async () => {
    receiver.answer('/veilig-thuis', { status: 302, headers: { location: '/elsewhere' } });
    receiver.answer('/jeugdzorg', 'hang');
    const redirected = await forwardTo('veilig_thuis');
    const slow = await forwardTo('youth_care');
    expect(await waitForStatus(redirected, 'dead')).toEqual(
      expect.objectContaining({ attempts: 3, last_status: 302, last_error: 'HTTP 302: redirects are not followed' }),
    );
    expect(await waitForStatus(slow, 'dead')).toEqual(
      expect.objectContaining({ attempts: 3, last_status: null, last_error: 'no answer within 500 ms' }),
    );
    expect(receiver.received('/elsewhere')).toEqual([]);
  }, 60_000);

  it('sends nothing again when the notifications are rebuilt from the log', async () => {
    const caseId = await forwardTo('labour_inspectorate');
    await waitForStatus(caseId, 'delivered');
    const snapshot = () =>
      Promise.all([
        queryDatabase(t.database.url, 'SELECT * FROM notifications ORDER BY notification_id'),
        queryDatabase(
          t.database.url,
          'SELECT delivery_id, status, attempts, round FROM webhook_deliveries ORDER BY delivery_id',
        ),
      ]);
    const before = await snapshot();
    const sent = receiver.requests.length;

    const registry = t.app.get(SubscriptionRegistry);
    await rebuildProjection(
      t.app.get<Database>(DATABASE),
      t.app.get<EventStore>(EVENT_STORE),
      registry.get(NOTIFICATIONS_SUBSCRIBER)!,
    );
    await t.app.get(WebhookSweeper).sweep();
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(await snapshot()).toEqual(before);
    expect(receiver.requests).toHaveLength(sent);
  }, 60_000);

  it('delivers, once, what was notified while Redis was down, when Redis is back', async () => {
    await redis.stop();
    await waitFor(
      async () => (await t.request('GET', '/api/health/ready')).status === 503,
      10_000,
      'ready did not notice the outage',
    );
    const caseId = await forwardTo('labour_inspectorate');
    const pending = await deliveryOf(caseId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await deliveriesOf(caseId))[0].status).toBe('pending');
    expect(requestsFor(pending.delivery_id)).toEqual([]);

    await redis.start();
    await waitForStatus(caseId, 'delivered', 30_000);
    await t.app.get(WebhookSweeper).sweep();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(requestsFor(pending.delivery_id)).toHaveLength(1);
  }, 120_000);
});
