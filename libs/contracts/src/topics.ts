/** Kafka topic of each bounded context; the key of every message is the unit id. */
export const topics = {
  request: 'request.events.v1',
  survey: 'survey.events.v1',
  evaluation: 'evaluation.events.v1',
} as const;

export type ContextName = keyof typeof topics;

/** Dead-letter topic of a topic: where poison messages go with the error that stopped them. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
