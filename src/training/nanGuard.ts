/** Why a loss became NaN or infinite, and what to try, in a learner's words. */
export interface NanReport {
  message: string;
  epoch: number;
  batch: number;
}

export interface NanContext {
  epoch: number;
  batch: number;
  learningRate: number;
  /** The largest absolute input value seen in the training data, if known. */
  inputMax?: number;
  loss: string;
}

/** Null while the loss is a finite number; else what happened, where, and the likely cause. */
export function checkLoss(loss: number, ctx: NanContext): NanReport | null {
  if (Number.isFinite(loss)) return null;
  const what = Number.isNaN(loss) ? 'became NaN (not a number)' : 'became infinite';
  const causes: string[] = [];
  if (ctx.inputMax !== undefined && ctx.inputMax > 10) {
    causes.push(
      `the inputs are not normalised (values up to ${ctx.inputMax.toPrecision(3)}): ` +
        'scale them to about 0–1, e.g. with Rescaling(1/255) for pixels',
    );
  }
  if (ctx.learningRate > 0.01) causes.push(`the learning rate (${ctx.learningRate}) is high: try ${ctx.learningRate / 10}`);
  if (/crossentropy/i.test(ctx.loss))
    causes.push('a cross-entropy loss got a probability of exactly 0: make sure the last layer is softmax (or sigmoid for two classes)');
  if (!causes.length)
    causes.push(`the learning rate (${ctx.learningRate}) may still be too high for this model: try ${ctx.learningRate / 10}`);
  return {
    epoch: ctx.epoch,
    batch: ctx.batch,
    message:
      `Training stopped: the loss ${what} at epoch ${ctx.epoch + 1}, batch ${ctx.batch + 1}. ` +
      `The likely cause: ${causes[0]}.${causes.length > 1 ? ` Also check: ${causes.slice(1).join('; ')}.` : ''}`,
  };
}
