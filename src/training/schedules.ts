// Learning-rate schedules as Keras defines them, as plain functions of the
// training step, so the settings panel can draw their curve before training.

export type ScheduleConfig =
  | { kind: 'constant' }
  | { kind: 'exponential'; decaySteps: number; decayRate: number; staircase?: boolean }
  | { kind: 'polynomial'; decaySteps: number; endLearningRate: number; power: number }
  | { kind: 'cosine'; decaySteps: number; alpha: number };

/** The learning rate at `step` (batches seen), starting from `initial`. */
export function learningRateAt(schedule: ScheduleConfig, initial: number, step: number): number {
  switch (schedule.kind) {
    case 'constant':
      return initial;
    case 'exponential': {
      const p = step / schedule.decaySteps;
      return initial * schedule.decayRate ** (schedule.staircase ? Math.floor(p) : p);
    }
    case 'polynomial': {
      const s = Math.min(step, schedule.decaySteps);
      return (initial - schedule.endLearningRate) * (1 - s / schedule.decaySteps) ** schedule.power + schedule.endLearningRate;
    }
    case 'cosine': {
      const s = Math.min(step, schedule.decaySteps);
      const cosine = 0.5 * (1 + Math.cos((Math.PI * s) / schedule.decaySteps));
      return initial * ((1 - schedule.alpha) * cosine + schedule.alpha);
    }
  }
}

/** Points of the schedule's curve over `steps`, for a preview chart. */
export function schedulePreview(schedule: ScheduleConfig, initial: number, steps: number, points = 100): Array<{ x: number; y: number }> {
  return Array.from({ length: points + 1 }, (_, i) => {
    const step = Math.round((i / points) * steps);
    return { x: step, y: learningRateAt(schedule, initial, step) };
  });
}
