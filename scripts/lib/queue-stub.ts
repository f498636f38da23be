// Bench only: a Worker that answers the beacon queue's send() and does nothing, bound in place of the local queue
// broker so that `npm run bench` can measure /v1/collect's own work apart from the broker wrangler dev runs on the
// same cores (on Cloudflare the queue service runs elsewhere). The message still crosses a binding (serialised).
import { WorkerEntrypoint } from 'cloudflare:workers';

export default class QueueStub extends WorkerEntrypoint {
  async send(_body: unknown, _options?: unknown): Promise<void> {}
  async sendBatch(_messages: unknown, _options?: unknown): Promise<void> {}
  async fetch(): Promise<Response> {
    return new Response(null, { status: 204 });
  }
}
