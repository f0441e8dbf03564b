/**
 * An evaluator as the review page names them: the reader themself, the lokus's lead or another
 * member. The services know evaluators only by account id, which is not for people to read.
 */
export function evaluatorLabel(evaluatorId: string, { viewerId, leadEvaluatorId }: { viewerId: string; leadEvaluatorId?: string }): string {
  const lead = evaluatorId === leadEvaluatorId;
  if (evaluatorId === viewerId) return lead ? 'Anda (ketua tim)' : 'Anda';
  return lead ? 'Ketua tim evaluator' : 'Evaluator anggota';
}
