import { MessagePublisher, type OutgoingMessage } from '@lib/event-sourcing';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';

/**
 * The outbox relay's publisher: idempotent producer, acks from all in-sync replicas, so a resolved
 * `publish` means the batch is durable and the relay may advance its checkpoint.
 *
 * A failed publish throws its producer away, and the next publish gets a new one, with a new producer
 * id. An idempotent producer numbers its messages per partition, and on an error kafkajs rolls the
 * numbers back to the start of the failed batch, although the broker may have appended it (acks=all
 * failing after the leader appended, as when the in-sync replicas shrink; or a lost response). The
 * relay then sends that batch again from its checkpoint, grown by what was appended since, under the
 * same first number: the broker expects the number after the batch it kept and answers
 * OUT_OF_ORDER_SEQUENCE_NUMBER, which is not retriable, to every attempt until the process restarts.
 * A new producer id starts its numbering afresh. What the broker kept is then on the topic twice, as
 * after a crash between publish and checkpoint: consumers deduplicate by event id. Kept rather than
 * giving idempotence up: within one publish, kafkajs's own retries of a request whose answer was lost
 * still leave no duplicate behind.
 */
export class KafkaPublisher extends MessagePublisher {
  private current?: { producer: Producer; connected: Promise<void> };

  constructor(private readonly kafka: Kafka) {
    super();
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const current = (this.current ??= this.connect());
    try {
      await current.connected;
      // Each message already carries the trace context of the command that appended it (see OutboxRelay);
      // the kafkajs instrumentation would replace it with that of a send span of this relay batch.
      await context.with(suppressTracing(context.active()), () => current.producer.send({ topic, acks: -1, messages }));
    } catch (error) {
      if (this.current === current) this.current = undefined;
      await current.producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.producer.disconnect();
  }

  private connect(): { producer: Producer; connected: Promise<void> } {
    const producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
    });
    return { producer, connected: producer.connect() };
  }
}
