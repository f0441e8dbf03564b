import { MessagePublisher, type OutgoingMessage } from '@lib/event-sourcing';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';

/**
 * The outbox relay's publisher: idempotent producer, acks from all in-sync replicas, so a resolved
 * `publish` means the batch is durable and the relay may advance its checkpoint.
 */
export class KafkaPublisher extends MessagePublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(kafka: Kafka) {
    super();
    this.producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
    });
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    // Each message already carries the trace context of the command that appended it (see OutboxRelay);
    // the kafkajs instrumentation would replace it with that of a send span of this relay batch.
    await context.with(suppressTracing(context.active()), () => this.producer.send({ topic, acks: -1, messages }));
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
