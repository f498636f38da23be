// Queue consumer for waymark-webhooks: one attempt per message; failures retry with exponential backoff, then dead-letter.
import type { Env, WebhookMessage } from '../env';
import { attemptDelivery } from './deliver';

export async function consumeWebhooks(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  await Promise.all(
    batch.messages.map(async (msg) => {
      try {
        const out = await attemptDelivery(env, msg.body.deliveryId);
        if (out.kind === 'retry') msg.retry({ delaySeconds: out.delaySeconds });
        else msg.ack();
      } catch (e) {
        // D1 unavailable or a bad stored secret: let the queue try again shortly; the row is unchanged.
        console.error('webhook delivery failed', msg.body.deliveryId, e);
        msg.retry({ delaySeconds: 60 });
      }
    }),
  );
}
